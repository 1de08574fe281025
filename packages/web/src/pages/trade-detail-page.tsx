import { useStats, useTrade } from "../api/queries.ts";
import { ExecutionTimeline } from "../components/execution-timeline.tsx";
import { JournalEditor } from "../components/journal-editor.tsx";
import {
  ErrorNotice,
  isExplained,
  Loading,
  Money,
  PageTitle,
  Percent,
  ReconBadge,
  reasonWords,
} from "../components/ui.tsx";
import {
  assetClassLabel,
  executionAction,
  formatCount,
  formatDecimal,
  formatDuration,
  formatExchangeTime,
  formatMoney,
  formatUtc,
} from "../lib/format.ts";
import { Link, useLocation } from "../lib/navigation.tsx";
import { describeSymbol } from "../lib/symbol-words.ts";
import { filtersFromSearch } from "../lib/trade-filters.ts";

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

/** Back to the list, and to the trades before and after this one in it, keeping the list's filters and sort. */
function TradeNav({
  search,
  neighbours,
}: {
  search: string;
  neighbours: { previous: string | null; next: string | null; position: number | null; total: number } | null;
}) {
  const to = (tradeId: string) => `/trades/${encodeURIComponent(tradeId)}${search}`;
  return (
    <nav className="trade-nav" aria-label="Trades">
      <Link to={`/trades${search}`}>← All trades</Link>
      {neighbours?.position != null && (
        <span className="trade-nav-steps">
          {neighbours.previous ? (
            <Link to={to(neighbours.previous)} rel="prev" className="btn small">
              Previous
            </Link>
          ) : (
            <span className="btn small" aria-disabled="true">
              Previous
            </span>
          )}
          <span className="muted small">
            {formatCount(neighbours.position)} of {formatCount(neighbours.total)}
          </span>
          {neighbours.next ? (
            <Link to={to(neighbours.next)} rel="next" className="btn small">
              Next
            </Link>
          ) : (
            <span className="btn small" aria-disabled="true">
              Next
            </span>
          )}
        </span>
      )}
    </nav>
  );
}

export function TradeDetailPage({ id }: { id: string }) {
  const { search } = useLocation();
  const { filters, sort } = filtersFromSearch(search);
  const detail = useTrade(id, filters, sort);
  const stats = useStats();
  const base = stats.data?.summary.baseCurrency ?? null;

  if (detail.isPending) return <Loading />;
  if (detail.isError)
    return (
      <div>
        <TradeNav search={search} neighbours={null} />
        <ErrorNotice error={detail.error} retry={() => detail.refetch()} />
      </div>
    );
  const { trade: t, executions, neighbours } = detail.data;
  const sorted = [...executions].sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  const r = t.reconciliation;

  return (
    <div className="trade-detail">
      <TradeNav search={search} neighbours={neighbours} />
      <PageTitle title={`${describeSymbol(t.symbol)} trade`}>
        <span className="symbol">{describeSymbol(t.symbol)}</span>{" "}
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
        <div className="stat" data-testid="avg-entry">
          <dt>Average entry</dt>
          <dd className="num">{formatDecimal(t.averageEntryPrice)}</dd>
        </div>
        <div className="stat" data-testid="avg-exit">
          <dt>Average exit</dt>
          <dd className="num">{formatDecimal(t.averageExitPrice)}</dd>
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
          <dl className="kv recon-figures" data-testid="recon-figures">
            <dt>IB's realized P&L</dt>
            <dd className="num">{formatMoney(r.brokerPnl, t.currency, { signed: true })}</dd>
            <dt>closeout's realized P&L</dt>
            <dd className="num">{formatMoney(t.realizedPnl, t.currency, { signed: true })}</dd>
            <dt>Why they differ</dt>
            <dd>
              {isExplained(r.reason) || r.reason === "broker-reported-zero"
                ? `${reasonWords(r.reason!)}. closeout counts each trade's own executions.`
                : "closeout cannot explain this difference. Please report it with the trade's executions."}
            </dd>
          </dl>
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
                const action = executionAction(e);
                return (
                  <tr key={e.id} data-action={action}>
                    <td className="small">
                      <time dateTime={e.time} title={formatUtc(e.time)}>
                        {formatExchangeTime(e.time, { timeOnly: true })}
                      </time>
                      <div className="muted">{formatExchangeTime(e.time, { dateOnly: true })}</div>
                    </td>
                    <td>
                      {action}
                      {e.synthetic && <div className="muted small">booked by IB</div>}
                    </td>
                    <td className="r num">{formatDecimal(e.quantity.replace(/^-/, ""))}</td>
                    <td className="r num">{action === "Expired" ? "—" : formatDecimal(e.price)}</td>
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
