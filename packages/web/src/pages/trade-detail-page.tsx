import { useStats, useTrade } from "../api/queries.ts";
import { ExecutionTimeline } from "../components/execution-timeline.tsx";
import { JournalEditor } from "../components/journal-editor.tsx";
import {
  ErrorNotice,
  Loading,
  Money,
  PageTitle,
  Percent,
  ReconBadge,
  reasonWords,
} from "../components/ui.tsx";
import {
  assetClassLabel,
  formatDecimal,
  formatDuration,
  formatExchangeTime,
  formatMoney,
  formatUtc,
  signOf,
} from "../lib/format.ts";
import { Link } from "../lib/navigation.tsx";

function Time({ iso }: { iso: string }) {
  return (
    <>
      <time dateTime={iso} title={formatUtc(iso)}>
        {formatExchangeTime(iso)}
      </time>
      <div className="muted small">{formatUtc(iso)}</div>
    </>
  );
}

export function TradeDetailPage({ id }: { id: string }) {
  const detail = useTrade(id);
  const stats = useStats();
  const base = stats.data?.summary.baseCurrency ?? null;

  if (detail.isPending) return <Loading />;
  if (detail.isError) return <ErrorNotice error={detail.error} retry={() => detail.refetch()} />;
  const { trade: t, executions } = detail.data;
  const sorted = [...executions].sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  const r = t.reconciliation;

  return (
    <div>
      <p>
        <Link to="/trades">← All trades</Link>
      </p>
      <PageTitle title={`${t.symbol} trade`}>
        {t.symbol}{" "}
        <span className="muted" style={{ fontWeight: 400, fontSize: "1rem" }}>
          {t.side === "short" ? "Short" : "Long"} · {assetClassLabel(t.assetClass)} · {t.accountId}
        </span>
      </PageTitle>
      <dl className="stat-grid">
        <div className="stat hero">
          <dt>Realized P&L</dt>
          <dd>
            <Money value={t.realizedPnl} currency={t.currency} />
            {base && base !== t.currency && (
              <span className="sub">
                {formatMoney(t.realizedPnlBase, base, { signed: true })} in {base}
              </span>
            )}
          </dd>
        </div>
        <div className="stat">
          <dt>Return</dt>
          <dd>
            <Percent value={t.returnPct} />
          </dd>
        </div>
        <div className="stat">
          <dt>Fees</dt>
          <dd>
            <Money value={t.fees} currency={t.currency} signed={false} colored={false} />
          </dd>
        </div>
        <div className="stat">
          <dt>Held</dt>
          <dd>{formatDuration(t.holdingSeconds)}</dd>
        </div>
        <div className="stat">
          <dt>Largest position</dt>
          <dd className="num">{formatDecimal(t.quantity)}</dd>
        </div>
      </dl>
      <section className="card" aria-labelledby="recon-title">
        <h2 id="recon-title">Checked against IB</h2>
        <p>
          <ReconBadge status={r.status} reason={r.reason} />
        </p>
        {r.status === "matches" && (
          <p className="small">
            IB's own realized P&L for these executions is {formatMoney(r.brokerPnl, t.currency)}: the same.
          </p>
        )}
        {r.status === "differs" && (
          <p className="small">
            IB reports {formatMoney(r.brokerPnl, t.currency, { signed: true })}; closeout computes{" "}
            {formatMoney(t.realizedPnl, t.currency, { signed: true })}.
            {r.reason && ` Why: ${reasonWords(r.reason)}.`}
          </p>
        )}
        {r.status === "unavailable" && (
          <p className="small">IB did not include its realized P&L (fifoPnlRealized) for these executions.</p>
        )}
      </section>
      <section className="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">Executions</h2>
        <dl className="kv" style={{ marginBottom: "0.5rem" }}>
          <dt>Opened</dt>
          <dd>
            <Time iso={t.openedAt} />
          </dd>
          <dt>Closed</dt>
          <dd>
            <Time iso={t.closedAt} />
          </dd>
        </dl>
        <ExecutionTimeline executions={sorted} />
        <div style={{ overflowX: "auto" }}>
          <table className="trade-table">
            <caption className="visually-hidden">Executions of this trade</caption>
            <thead>
              <tr>
                <th scope="col">Time (ET)</th>
                <th scope="col">Side</th>
                <th scope="col" className="r">
                  Qty
                </th>
                <th scope="col" className="r">
                  Price
                </th>
                <th scope="col" className="r">
                  Fee
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((e) => {
                const buy = signOf(e.quantity) !== "negative";
                return (
                  <tr key={e.id}>
                    <td className="small">
                      <time dateTime={e.time} title={formatUtc(e.time)}>
                        {formatExchangeTime(e.time, { timeOnly: true })}
                      </time>
                      <div className="muted">{formatExchangeTime(e.time, { dateOnly: true })}</div>
                    </td>
                    <td>
                      {buy ? "Buy" : "Sell"}
                      {e.synthetic && <div className="muted small">expiry/assignment booked by IB</div>}
                    </td>
                    <td className="r num">{formatDecimal(e.quantity.replace(/^-/, ""))}</td>
                    <td className="r num">{formatDecimal(e.price)}</td>
                    <td className="r num">{formatMoney(e.commission, e.commissionCurrency ?? t.currency)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      <JournalEditor
        key={id}
        tradeId={id}
        journal={detail.data.journal}
        day={t.closedAtExchange.slice(0, 10)}
      />
    </div>
  );
}
