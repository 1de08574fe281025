import { useEffect, useRef } from "react";
import { api } from "../api/client.ts";
import { useAccounts, useStats, useTrades } from "../api/queries.ts";
import type { TradeFilters } from "../api/types.ts";
import { JournalOrphans } from "../components/journal-orphans.tsx";
import { SymbolFilter } from "../components/symbol-filter.tsx";
import { TagFilter } from "../components/tag-filter.tsx";
import { TradeTable } from "../components/trade-table.tsx";
import { ErrorNotice, Loading, Money, PageTitle } from "../components/ui.tsx";
import { formatCalendarDate, formatCountOf } from "../lib/format.ts";
import { Link, navigate, useLocation } from "../lib/navigation.tsx";
import { filtersFromSearch, searchFromFilters, toggleSort } from "../lib/trade-filters.ts";

const HOLD_CHOICES: readonly { label: string; min?: number; max?: number }[] = [
  { label: "Any" },
  { label: "Under 5 minutes", max: 300 },
  { label: "5 minutes – 1 hour", min: 300, max: 3600 },
  { label: "1 hour – 1 day", min: 3600, max: 86_400 },
  { label: "Over 1 day", min: 86_400 },
];

export function TradesPage() {
  const { search } = useLocation();
  const { filters, sort } = filtersFromSearch(search);
  // A reversed range can match nothing (and the API refuses it): it is explained, not asked for.
  const reversed = filters.from !== undefined && filters.to !== undefined && filters.from > filters.to;
  const trades = useTrades(filters, sort, !reversed);
  const accounts = useAccounts();
  const stats = useStats({});
  const sentinel = useRef<HTMLDivElement>(null);
  const baseCurrency = stats.data?.summary.baseCurrency ?? null;
  const assetClasses = stats.data?.stats.byAssetClass ?? [];

  const update = (next: TradeFilters, nextSort = sort) =>
    navigate(`/trades${searchFromFilters(next, nextSort)}`, { replace: true });
  const set = <K extends keyof TradeFilters>(key: K, value: TradeFilters[K] | "") => {
    const next = { ...filters };
    if (value === "" || value === undefined) delete next[key];
    else next[key] = value as TradeFilters[K];
    update(next);
  };

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = trades;
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasNextPage) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
      },
      { rootMargin: "400px" },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const rows = trades.data?.pages.flatMap((p) => p.trades) ?? [];
  const firstPage = trades.data?.pages[0];
  const holdIndex = HOLD_CHOICES.findIndex(
    (c) => c.min === filters.minHoldSeconds && c.max === filters.maxHoldSeconds,
  );

  return (
    <div>
      <PageTitle title="Trades">Trades</PageTitle>
      <JournalOrphans />
      <form className="card" aria-label="Filter trades" onSubmit={(e) => e.preventDefault()}>
        <div className="filters">
          <SymbolFilter filters={filters} />
          <div className="field">
            <label htmlFor="f-outcome">Outcome</label>
            <select
              id="f-outcome"
              value={filters.outcome ?? ""}
              onChange={(e) => set("outcome", e.target.value as TradeFilters["outcome"])}
            >
              <option value="">All</option>
              <option value="win">Wins</option>
              <option value="loss">Losses</option>
              <option value="scratch">Scratches</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-side">Side</label>
            <select
              id="f-side"
              value={filters.side ?? ""}
              onChange={(e) => set("side", e.target.value as TradeFilters["side"])}
            >
              <option value="">Long and short</option>
              <option value="long">Long</option>
              <option value="short">Short</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-asset">Asset class</label>
            <select
              id="f-asset"
              value={filters.assetClass ?? ""}
              onChange={(e) => set("assetClass", e.target.value)}
            >
              <option value="">All</option>
              {assetClasses.map((a) => (
                <option key={a.key} value={a.key}>
                  {a.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-from">Closed from</label>
            <input
              id="f-from"
              type="date"
              value={filters.from ?? ""}
              onChange={(e) => set("from", e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="f-to">Closed until</label>
            <input
              id="f-to"
              type="date"
              value={filters.to ?? ""}
              onChange={(e) => set("to", e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="f-hold">Holding time</label>
            <select
              id="f-hold"
              value={String(Math.max(0, holdIndex))}
              onChange={(e) => {
                const choice = HOLD_CHOICES[Number(e.target.value)] ?? HOLD_CHOICES[0]!;
                const next = { ...filters };
                delete next.minHoldSeconds;
                delete next.maxHoldSeconds;
                if (choice.min !== undefined) next.minHoldSeconds = choice.min;
                if (choice.max !== undefined) next.maxHoldSeconds = choice.max;
                update(next);
              }}
            >
              {HOLD_CHOICES.map((c, i) => (
                <option key={c.label} value={i}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
          <TagFilter filters={filters} onChange={update} />
          {(accounts.data?.length ?? 0) > 1 && (
            <div className="field">
              <label htmlFor="f-account">Account</label>
              <select
                id="f-account"
                value={filters.account ?? ""}
                onChange={(e) => set("account", e.target.value)}
              >
                <option value="">All accounts</option>
                {accounts.data?.map((a) => (
                  <option key={a.id} value={a.accountId}>
                    {a.alias ? `${a.alias} (${a.accountId})` : a.accountId}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
        <div className="row" style={{ marginTop: "0.75rem" }}>
          <button type="button" className="btn small" onClick={() => update({}, sort)}>
            Clear filters
          </button>
          <a className="btn small" href={api.tradesCsvUrl(filters)} download>
            Download CSV
          </a>
        </div>
      </form>
      <section className="card" aria-label="Trade list">
        {reversed ? (
          <div className="notice warn" data-testid="reversed-range">
            <p>
              “Closed from” ({formatCalendarDate(filters.from)}) is after “Closed until” (
              {formatCalendarDate(filters.to)}), so no trade can match. Swap the two dates to see the trades
              closed between them.
            </p>
            <button
              type="button"
              className="btn small"
              onClick={() => update({ ...filters, from: filters.to, to: filters.from })}
            >
              Swap dates
            </button>
          </div>
        ) : trades.isPending ? (
          <Loading />
        ) : trades.isError ? (
          <ErrorNotice error={trades.error} retry={() => trades.refetch()} />
        ) : rows.length === 0 && Object.keys(filters).length === 0 ? (
          <div className="empty onboarding" data-testid="trades-onboarding">
            <p>
              <strong>No trades yet.</strong> Your closed trades appear here once closeout has your IB
              executions: link your account with a read-only Flex query, or upload a Flex statement.
            </p>
            <p className="row" style={{ justifyContent: "center" }}>
              <Link to="/link" className="btn primary small">
                Link an IB account
              </Link>
              <Link to="/accounts" className="btn small">
                Upload a statement
              </Link>
            </p>
          </div>
        ) : rows.length === 0 ? (
          <div className="empty">
            <p>No trades match these filters.</p>
            <button type="button" className="btn small" onClick={() => update({}, sort)}>
              Clear filters
            </button>
          </div>
        ) : (
          <>
            <p className="list-total" data-testid="trades-total" aria-live="polite">
              <strong>{formatCountOf(firstPage?.total, "trade", "trades")}</strong>
              {firstPage?.pnlTotal.currency && (
                <>
                  {" · "}
                  <Money value={firstPage.pnlTotal.amount} currency={firstPage.pnlTotal.currency} /> net
                  {firstPage.pnlTotal.trades !== firstPage.total &&
                    ` (the ${formatCountOf(firstPage.pnlTotal.trades, "trade", "trades")} in ${firstPage.pnlTotal.currency})`}
                </>
              )}
            </p>
            <TradeTable
              trades={rows}
              baseCurrency={baseCurrency}
              sort={sort}
              onSort={(column) => update(filters, toggleSort(sort, column))}
              caption="Closed trades"
              linkSearch={searchFromFilters(filters, sort)}
            />
          </>
        )}
        <div ref={sentinel} />
        {isFetchingNextPage && <Loading label="Loading more trades…" />}
        {hasNextPage && !isFetchingNextPage && (
          <button
            type="button"
            className="btn small"
            onClick={() => fetchNextPage()}
            style={{ marginTop: "0.75rem" }}
          >
            Load more
          </button>
        )}
      </section>
    </div>
  );
}
