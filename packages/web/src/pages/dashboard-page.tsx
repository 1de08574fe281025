import { useEffect, useRef, useState } from "react";
import { useLinks, useStats, useTrades } from "../api/queries.ts";
import type { StatsAnswer, TradeFilters } from "../api/types.ts";
import { AccountReturnCard } from "../components/account-return-card.tsx";
import { EquityChart } from "../components/equity-chart.tsx";
import { PnlCalendar } from "../components/pnl-calendar.tsx";
import { RStatCards } from "../components/r-stat-cards.tsx";
import { ScopeBar, useScope } from "../components/scope-bar.tsx";
import { TradeTable } from "../components/trade-table.tsx";
import { ErrorNotice, Loading, Money, PageTitle, Percent, Stat } from "../components/ui.tsx";
import { scopeFilters } from "../lib/date-range.ts";
import {
  assetClassLabel,
  formatCalendarDate,
  formatCount,
  formatCountOf,
  formatDuration,
  formatMoney,
  formatPercent,
  formatRatio,
} from "../lib/format.ts";
import { Link } from "../lib/navigation.tsx";
import { searchFromFilters } from "../lib/trade-filters.ts";

export default function DashboardPage() {
  const filters = scopeFilters(useScope());
  const stats = useStats(filters);
  const links = useLinks();
  const [day, setDay] = useState<string | null>(null);

  const head = (
    <>
      <PageTitle title="Dashboard">Dashboard</PageTitle>
      <ScopeBar />
    </>
  );
  if (stats.isPending)
    return (
      <div>
        {head}
        <Loading label="Loading your numbers…" />
      </div>
    );
  if (stats.isError)
    return (
      <div>
        {head}
        <ErrorNotice error={stats.error} retry={() => stats.refetch()} />
      </div>
    );
  const { summary } = stats.data;
  // A period or account with no trades is not a new user's empty dashboard.
  const scoped = Object.keys(filters).length > 0;
  // A new user sees how to start, not a row of $0.00 cards and an empty chart.
  if (summary.trades === "0" && !scoped)
    return (
      <div data-testid="dashboard-onboarding">
        <PageTitle title="Dashboard">Dashboard</PageTitle>
        <DashboardOnboarding linked={(links.data?.length ?? 0) > 0} />
      </div>
    );

  return (
    <div>
      {head}
      {scoped && summary.trades === "0" && (
        <div className="notice">
          <p>No trades closed in this period or account.</p>
        </div>
      )}
      <KeyStats data={stats.data} />
      <AccountReturnCard />
      <section className="card" aria-labelledby="equity-title">
        <div className="card-header">
          <h2 id="equity-title">Equity curve</h2>
          <span className="muted small">
            cumulative P&L at each day's close (New York), drawdown from the peak below
          </span>
        </div>
        <EquityChart
          points={stats.data.stats.equityCurve}
          currency={summary.baseCurrency}
          label={`Equity curve over ${formatCount(summary.trades)} trades: net ${formatMoney(summary.netPnlBase, summary.baseCurrency, { signed: true })}, largest drawdown ${formatMoney(summary.maxDrawdownBase, summary.baseCurrency)}.`}
        />
      </section>
      <section className="card" aria-labelledby="calendar-title">
        <div className="card-header">
          <h2 id="calendar-title">Daily P&L</h2>
          <span className="muted small">by closing day, New York time · select a day for its trades</span>
        </div>
        <PnlCalendar
          daily={stats.data.stats.daily}
          monthly={stats.data.stats.monthly}
          weekly={stats.data.weekly}
          currency={summary.baseCurrency}
          selected={day}
          onSelect={setDay}
          detail={day && <DayTrades day={day} filters={filters} currency={summary.baseCurrency} />}
        />
      </section>
    </div>
  );
}

function DashboardOnboarding({ linked }: { linked: boolean }) {
  if (linked)
    return (
      <div className="notice">
        <p>
          <strong>No closed trades yet.</strong> A trade counts once both its opening and closing executions
          are found; your figures, equity curve and calendar appear here after the first one.
        </p>
        <Link to="/accounts" className="btn small">
          See your accounts and syncs
        </Link>
      </div>
    );
  return (
    <div className="notice">
      <p>
        <strong>No account linked yet.</strong> Link Interactive Brokers read-only (a Flex token and Query Id;
        closeout cannot trade or move money) to see your trading performance, or upload a Flex statement.
      </p>
      <p className="row">
        <Link to="/link" className="btn primary">
          Link your IB account
        </Link>
        <Link to="/accounts" className="btn">
          Upload a statement
        </Link>
      </p>
    </div>
  );
}

function KeyStats({ data }: { data: StatsAnswer }) {
  const { summary: s, stats } = data;
  const cur = s.baseCurrency;
  return (
    <dl className="stat-grid" aria-label="Key statistics">
      <Stat
        label="Net P&L"
        hero
        testId="stat-net-pnl"
        sub={`${formatCountOf(s.trades, "closed trade", "closed trades")}${cur ? ` · ${cur}` : ""}`}
      >
        <Money value={s.netPnlBase} currency={cur} />
      </Stat>
      <Stat
        label="Win rate"
        testId="stat-win-rate"
        sub={`${formatCount(s.wins)} won · ${formatCount(s.losses)} lost`}
      >
        <Percent value={s.winRate} signed={false} colored={false} />
      </Stat>
      <Stat label="Trades" testId="stat-trades" sub={`${formatCount(s.scratches)} scratch`}>
        {formatCount(s.trades)}
      </Stat>
      <Stat label="Average gain" testId="stat-avg-win" sub={<Percent value={stats.avgWinPct} />}>
        <Money value={s.avgWinBase} currency={cur} />
      </Stat>
      <Stat label="Average loss" testId="stat-avg-loss" sub={<Percent value={stats.avgLossPct} />}>
        <Money value={s.avgLossBase} currency={cur} />
      </Stat>
      <Stat label="Profit factor" testId="stat-profit-factor" sub="gross profit ÷ gross loss">
        {formatRatio(s.profitFactor)}
      </Stat>
      <Stat label="Expectancy" testId="stat-expectancy" sub="average P&L per trade">
        <Money value={s.expectancyBase} currency={cur} />
      </Stat>
      <Stat label="Max drawdown" testId="stat-max-drawdown" sub="largest fall from a peak">
        <Money value={s.maxDrawdownBase} currency={cur} signed={false} colored={false} />
      </Stat>
      <AverageReturn data={data} />
      <Stat
        label="Holding time"
        testId="stat-holding"
        sub={`median · average ${formatDuration(stats.avgHoldingSeconds)}`}
      >
        {formatDuration(stats.medianHoldingSeconds)}
      </Stat>
      <Stat
        label="Largest win"
        testId="stat-largest"
        sub={<>largest loss {formatMoney(s.largestLossBase, cur, { signed: true })}</>}
      >
        <Money value={s.largestWinBase} currency={cur} />
      </Stat>
      <RStatCards r={stats.r} trades={s.trades} />
    </dl>
  );
}

/**
 * One average return when the trades are of one asset class; per class when they mix, since an option's
 * ±100 % and a stock's ±2 % averaged together describe neither.
 */
function AverageReturn({ data }: { data: StatsAnswer }) {
  const classes = data.stats.byAssetClass.filter((g) => g.trades !== "0");
  if (classes.length <= 1)
    return (
      <Stat label="Average return" testId="stat-avg-return" sub="per trade">
        <Percent value={data.summary.avgReturnPct} />
      </Stat>
    );
  return (
    <Stat label="Average return" testId="stat-avg-return" sub="per trade, by asset class">
      <span className="per-class">
        {classes.map((g) => (
          <span key={g.key} className="small">
            {assetClassLabel(g.key)}{" "}
            <span className="num">{formatPercent(g.avgReturnPct, { signed: true })}</span>
          </span>
        ))}
      </span>
    </Stat>
  );
}

function DayTrades({
  day,
  filters,
  currency,
}: {
  day: string;
  filters: TradeFilters;
  currency: string | null;
}) {
  const dayFilters: TradeFilters = {
    ...(filters.account ? { account: filters.account } : {}),
    from: day,
    to: day,
  };
  const trades = useTrades(dayFilters, "closedAt");
  const rows = trades.data?.pages.flatMap((p) => p.trades) ?? [];
  const box = useRef<HTMLDivElement>(null);
  // On a phone the list opens below the picked month: bring it into view without jumping on desktop.
  useEffect(() => {
    box.current?.scrollIntoView?.({ block: "nearest", behavior: "smooth" });
  }, []);
  return (
    <div ref={box} style={{ marginTop: "0.5rem" }} aria-live="polite" data-testid="day-trades">
      <div className="card-header">
        <h3>Trades closed on {formatCalendarDate(day)}</h3>
        <span className="row">
          <Link to={`/journal/${day}`}>Day journal</Link>
          <Link to={`/trades${searchFromFilters(dayFilters, "closedAt")}`}>Open in trades list</Link>
        </span>
      </div>
      {trades.isPending ? (
        <Loading />
      ) : trades.isError ? (
        <ErrorNotice error={trades.error} />
      ) : (
        <TradeTable trades={rows} baseCurrency={currency} caption={`Trades closed on ${day}`} />
      )}
    </div>
  );
}
