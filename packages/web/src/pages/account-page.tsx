// The Account view (issue #16): how the account did after deposits and withdrawals — NAV curve with the flows
// marked, time-weighted returns, the years × months table, cash flows and what trading cost. Every figure is
// the API's (GET /api/returns); this page only formats them.
import { useState } from "react";
import { useReturns } from "../api/queries.ts";
import type { AccountReturns } from "../api/types.ts";
import { NavChart } from "../components/nav-chart.tsx";
import { ErrorNotice, Loading, Money, PageTitle, Percent, Stat } from "../components/ui.tsx";
import { formatCalendarDate, formatMoney, formatPercent } from "../lib/format.ts";
import { Link } from "../lib/navigation.tsx";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export default function AccountPage() {
  const returns = useReturns();
  const [chosen, setChosen] = useState<string | null>(null);
  if (returns.isPending) return <Loading label="Loading your account…" />;
  if (returns.isError) return <ErrorNotice error={returns.error} retry={() => returns.refetch()} />;
  const { accounts, message } = returns.data;
  if (accounts.length === 0) {
    return (
      <div>
        <PageTitle title="Account">Account</PageTitle>
        <div className="notice" data-testid="returns-not-available">
          <p>
            <strong>Account performance is {message ?? "not available"}.</strong>
          </p>
          <p>
            In your Flex query on IB's site, tick the sections “Cash Transactions”, “Change in NAV” and “Net
            Asset Value (NAV) in Base”. closeout reads them at the next sync.
          </p>
          <Link to="/accounts" className="btn">
            Your accounts
          </Link>
        </div>
      </div>
    );
  }
  const account = accounts.find((a) => a.accountId === chosen) ?? accounts[0]!;
  return (
    <div>
      <PageTitle title="Account">Account</PageTitle>
      {accounts.length > 1 && (
        <label className="field inline">
          <span>IB account</span>
          <select value={account.accountId} onChange={(e) => setChosen(e.target.value)}>
            {accounts.map((a) => (
              <option key={a.accountId} value={a.accountId}>
                {a.accountId}
              </option>
            ))}
          </select>
        </label>
      )}
      <AccountView a={account} />
    </div>
  );
}

function AccountView({ a }: { a: AccountReturns }) {
  const cur = a.baseCurrency;
  const flows = a.navSeries.filter((d) => d.flow !== "0");
  return (
    <>
      <p className="muted small" data-testid="account-period">
        {a.accountId} · {cur ?? ""} · {formatCalendarDate(a.from)} – {formatCalendarDate(a.to)}
        {a.verified ? " · verified (pulled from IB by your link)" : ""}
      </p>
      <dl className="stat-grid" aria-label="Time-weighted return">
        <Stat label="Month to date" testId="twr-mtd">
          <Percent value={a.trailing.mtdPct} />
        </Stat>
        <Stat label="Year to date" testId="twr-ytd">
          <Percent value={a.trailing.ytdPct} />
        </Stat>
        <Stat label="1 year" testId="twr-1y">
          <Percent value={a.trailing.oneYearPct} />
        </Stat>
        <Stat label="All time" hero testId="twr-all" sub={<Reconciliation a={a} />}>
          <Percent value={a.trailing.allPct} />
        </Stat>
        <Stat label="NAV" testId="nav-ending" sub={`from ${formatMoney(a.startingNav, cur)}`}>
          <Money value={a.endingNav} currency={cur} signed={false} colored={false} />
        </Stat>
        <Stat label="Money-weighted" testId="mwr" sub="over the period, not annualised">
          <Percent value={a.mwrPct} />
        </Stat>
      </dl>
      <section className="card" aria-labelledby="nav-title">
        <div className="card-header">
          <h2 id="nav-title">Net asset value</h2>
          <span className="muted small">
            at every close, in {cur ?? "base currency"} · ▲ deposit ▼ withdrawal
          </span>
        </div>
        <NavChart
          days={a.navSeries}
          currency={cur}
          label={`NAV from ${formatMoney(a.startingNav, cur)} to ${formatMoney(a.endingNav, cur)}, ${flows.length} days with deposits or withdrawals.`}
        />
      </section>
      <MonthTable a={a} />
      <CashFlows a={a} flows={flows} />
      <Costs a={a} />
    </>
  );
}

function Reconciliation({ a }: { a: AccountReturns }) {
  const r = a.reconciliation;
  if (r.status === "unavailable") return <>IB's own figure: not in the statement</>;
  return (
    <span data-testid="twr-reconciliation">
      IB's twr {formatPercent(r.brokerTwrPct, { digits: 4 })}:{" "}
      {r.status === "matches" ? "matches" : "differs"}
    </span>
  );
}

function MonthTable({ a }: { a: AccountReturns }) {
  const byMonth = new Map(a.monthlyReturns.map((m) => [m.month, m.twrPct]));
  return (
    <section className="card" aria-labelledby="months-title">
      <div className="card-header">
        <h2 id="months-title">Monthly returns</h2>
        <span className="muted small">time-weighted, chain-linked over the month's days</span>
      </div>
      <div className="table-scroll">
        <table className="trade-table month-returns">
          <thead>
            <tr>
              <th scope="col">Year</th>
              {MONTHS.map((m) => (
                <th key={m} scope="col" className="num">
                  {m}
                </th>
              ))}
              <th scope="col" className="num">
                Year
              </th>
            </tr>
          </thead>
          <tbody>
            {a.yearlyReturns.map((y) => (
              <tr key={y.year}>
                <th scope="row">{y.year}</th>
                {MONTHS.map((m, i) => {
                  const key = `${y.year}-${String(i + 1).padStart(2, "0")}`;
                  return (
                    <td key={m} className="num" data-testid={`month-${key}`}>
                      <Percent value={byMonth.get(key) ?? null} />
                    </td>
                  );
                })}
                <td className="num" data-testid={`year-${y.year}`}>
                  <Percent value={y.twrPct} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function CashFlows({ a, flows }: { a: AccountReturns; flows: AccountReturns["navSeries"] }) {
  const cur = a.baseCurrency;
  const rows: [string, string | null][] = [
    ["Deposits", a.deposits],
    ["Withdrawals", a.withdrawals],
    ["Dividends", a.dividends],
    ["Withholding tax", a.withholdingTax],
    ["Interest", a.interest],
    ["Fees", a.fees],
    ["Commission adjustments", a.commissionAdjustments],
  ];
  return (
    <section className="card" aria-labelledby="flows-title">
      <div className="card-header">
        <h2 id="flows-title">Cash flows</h2>
        <span className="muted small">over the period, in {cur ?? "base currency"}, as IB booked them</span>
      </div>
      <dl className="stat-grid" data-testid="cash-flows">
        {rows.map(([label, value]) => (
          <Stat key={label} label={label}>
            <Money value={value} currency={cur} />
          </Stat>
        ))}
      </dl>
      {flows.length > 0 && (
        <div className="table-scroll">
          <table className="trade-table" aria-label="Deposits and withdrawals by day">
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col" className="num">
                  Deposit or withdrawal
                </th>
                <th scope="col" className="num">
                  NAV at the close
                </th>
              </tr>
            </thead>
            <tbody>
              {flows.map((d) => (
                <tr key={d.date}>
                  <td>{formatCalendarDate(d.date)}</td>
                  <td className="num">
                    <Money value={d.flow} currency={cur} />
                  </td>
                  <td className="num">
                    <Money value={d.nav} currency={cur} signed={false} colored={false} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Costs({ a }: { a: AccountReturns }) {
  const cur = a.baseCurrency;
  const c = a.costs;
  const rows: [string, string | null, string | null, string][] = [
    ["Commissions", c.commissions, c.commissionsPct, "cost-commissions"],
    ["Fees", a.fees, c.feesPct, "cost-fees"],
    ["Interest", a.interest, c.interestPct, "cost-interest"],
  ];
  return (
    <section className="card" aria-labelledby="costs-title">
      <div className="card-header">
        <h2 id="costs-title">What trading cost</h2>
        <span className="muted small">
          gross trading P&L {formatMoney(c.grossTradingPnl, cur, { signed: true })} over {c.trades} closed
          trades
        </span>
      </div>
      <p className="muted small" data-testid="pnl-split">
        Realized P&L of the period's trades {formatMoney(c.realizedPnl, cur, { signed: true })}; unrealized,
        FX and other {formatMoney(c.unrealizedAndOther, cur, { signed: true })}.
      </p>
      <div className="table-scroll">
        <table className="trade-table">
          <thead>
            <tr>
              <th scope="col">Cost</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col" className="num">
                Share of gross trading P&L
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, amount, share, testId]) => (
              <tr key={label} data-testid={testId}>
                <th scope="row">{label}</th>
                <td className="num">
                  <Money value={amount} currency={cur} />
                </td>
                <td className="num">{share === null ? "—" : formatPercent(share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
