import { useEffect, useRef } from "react";
import { api } from "../api/client.ts";
import { useAccounts, useStats, useTrades } from "../api/queries.ts";
import type { TradeFilters } from "../api/types.ts";
import { TradeTable } from "../components/trade-table.tsx";
import { ErrorNotice, Loading, PageTitle } from "../components/ui.tsx";
import { navigate, useLocation } from "../lib/navigation.tsx";
import { filtersFromSearch, searchFromFilters, toggleSort } from "../lib/trade-filters.ts";

const HOLD_CHOICES: readonly { label: string; min?: number; max?: number }[] = [
  { label: "Any" },
  { label: "Under 5 minutes", max: 300 },
  { label: "5 minutes – 1 hour", min: 300, max: 3600 },
  { label: "1 hour – 1 day", min: 3600, max: 86_400 },
  { label: "Over 1 day", min: 86_400 },
];

/**
 * The symbol filter: the name typed can mean the underlying (its stock, options and futures: "AAPL" and every
 * AAPL option) or exactly that symbol; both are offered, the underlying first.
 */
function SymbolFilter({ filters, update }: { filters: TradeFilters; update: (next: TradeFilters) => void }) {
  const exact = filters.symbol !== undefined;
  const value = filters.underlying ?? filters.symbol ?? "";
  const apply = (text: string, asExact: boolean) => {
    const next = { ...filters };
    delete next.symbol;
    delete next.underlying;
    const name = text.trim().toUpperCase();
    if (name !== "") {
      if (asExact) next.symbol = name;
      else next.underlying = name;
    }
    update(next);
  };
  return (
    <>
      <div className="field">
        <label htmlFor="f-symbol">Symbol</label>
        <input
          id="f-symbol"
          key={value}
          type="search"
          defaultValue={value}
          autoCapitalize="characters"
          onBlur={(e) => apply(e.target.value, exact)}
          onKeyDown={(e) => {
            if (e.key === "Enter") apply(e.currentTarget.value, exact);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor="f-symbol-match">Symbol means</label>
        <select
          id="f-symbol-match"
          value={exact ? "exact" : "underlying"}
          onChange={(e) => apply(value, e.target.value === "exact")}
        >
          <option value="underlying">
            {value ? `${value} with its options` : "Underlying with its options"}
          </option>
          <option value="exact">{value ? `Exactly ${value}` : "Exact symbol"}</option>
        </select>
      </div>
    </>
  );
}

export function TradesPage() {
  const { search } = useLocation();
  const { filters, sort } = filtersFromSearch(search);
  const trades = useTrades(filters, sort);
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
  const holdIndex = HOLD_CHOICES.findIndex(
    (c) => c.min === filters.minHoldSeconds && c.max === filters.maxHoldSeconds,
  );

  return (
    <div>
      <PageTitle title="Trades">Trades</PageTitle>
      <form className="card" aria-label="Filter trades" onSubmit={(e) => e.preventDefault()}>
        <div className="filters">
          <SymbolFilter filters={filters} update={update} />
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
        {trades.isPending ? (
          <Loading />
        ) : trades.isError ? (
          <ErrorNotice error={trades.error} retry={() => trades.refetch()} />
        ) : rows.length === 0 ? (
          <p className="empty">No trades match these filters.</p>
        ) : (
          <TradeTable
            trades={rows}
            baseCurrency={baseCurrency}
            sort={sort}
            onSort={(column) => update(filters, toggleSort(sort, column))}
            caption="Closed trades"
          />
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
