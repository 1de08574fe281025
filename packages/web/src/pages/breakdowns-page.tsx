// Breakdowns: by underlying (a stock, its options and futures together, the contracts inside), by contract,
// by asset class, side, weekday, hour and holding time, and by journal tag and tag group (with R); for the
// period and account in the URL. A row opens its trades. The chosen view lives in the URL and, for the next visit, in local storage.
import { useEffect, useState } from "react";
import { useBreakdown, useStats } from "../api/queries.ts";
import type { BreakdownRow, Stats, TradeFilters } from "../api/types.ts";
import { BarList } from "../components/bar-list.tsx";
import { ScopeBar, useScope } from "../components/scope-bar.tsx";
import { TagBreakdown, type TagDimension } from "../components/tag-breakdown.tsx";
import { ErrorNotice, Loading, PageTitle } from "../components/ui.tsx";
import { scopeFilters } from "../lib/date-range.ts";
import { assetClassLabel, formatMoney, formatPercent, formatR } from "../lib/format.ts";
import { navigate, useLocation } from "../lib/navigation.tsx";
import { type GroupSort, sortGroups } from "../lib/sort-groups.ts";
import { describeSymbol } from "../lib/symbol-words.ts";
import { searchFromFilters } from "../lib/trade-filters.ts";

type StatsDimension = "byAssetClass" | "bySide" | "byWeekday" | "byHour" | "byHoldingTime";
type Dimension = "underlying" | "symbol" | StatsDimension | TagDimension;
type GroupMetric = "netPnlBase" | "winRate" | "avgReturnPct" | "avgPnlBase";
/** Average R is a figure of the tag rows only (docs/metrics.md "R"). */
type Metric = GroupMetric | "averageR";
type Sort = GroupSort;

const DIMENSIONS: readonly { key: Dimension; param: string; label: string; note?: string }[] = [
  {
    key: "underlying",
    param: "underlying",
    label: "Underlying",
    note: "stock, options and futures together",
  },
  { key: "symbol", param: "contract", label: "Contract" },
  { key: "byAssetClass", param: "asset-class", label: "Asset class" },
  { key: "bySide", param: "side", label: "Long / short" },
  {
    key: "byWeekday",
    param: "weekday",
    label: "Weekday",
    note: "by the day the trade was opened, New York time",
  },
  { key: "byHour", param: "hour", label: "Hour", note: "by the hour the trade was opened, New York time" },
  { key: "byHoldingTime", param: "holding", label: "Holding time" },
  { key: "byTag", param: "tag", label: "Tag", note: "a trade counts in each of its journal tags" },
  {
    key: "byTagGroup",
    param: "tag-group",
    label: "Tag group",
    note: "setup:breakout counts in setup; a trade counts once per group",
  },
];

const isTagDimension = (d: Dimension): d is TagDimension => d === "byTag" || d === "byTagGroup";

const METRICS: readonly { key: Metric; label: string }[] = [
  { key: "netPnlBase", label: "Net P&L" },
  { key: "avgPnlBase", label: "Average P&L" },
  { key: "winRate", label: "Win rate" },
  { key: "avgReturnPct", label: "Average return" },
  { key: "averageR", label: "Average R" },
];

const SORTS: readonly { key: Sort; label: string }[] = [
  { key: "natural", label: "Name" },
  { key: "-pnl", label: "P&L, best first" },
  { key: "pnl", label: "P&L, worst first" },
  { key: "-trades", label: "Most trades" },
  { key: "-winRate", label: "Highest win rate" },
  { key: "winRate", label: "Lowest win rate" },
];

const STORAGE_KEY = "closeout:breakdowns-view";

interface View {
  dimension: Dimension;
  metric: Metric;
  sort: Sort;
}

function viewFromSearch(search: string): View {
  const params = new URLSearchParams(search);
  const dimension = DIMENSIONS.find((d) => d.param === params.get("by"))?.key ?? "underlying";
  const chosen = METRICS.find((m) => m.key === params.get("metric"))?.key ?? "netPnlBase";
  const metric = chosen === "averageR" && !isTagDimension(dimension) ? "netPnlBase" : chosen;
  const sort = SORTS.find((s) => s.key === params.get("sort"))?.key ?? "-pnl";
  return { dimension, metric, sort };
}

function searchWithView(search: string, view: View): string {
  const params = new URLSearchParams(search);
  params.set("by", DIMENSIONS.find((d) => d.key === view.dimension)!.param);
  params.set("metric", view.metric);
  params.set("sort", view.sort);
  return `?${params.toString()}`;
}

function savedView(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function tradesHref(filters: TradeFilters, row: { key: string }, dimension: Dimension): string {
  const by: TradeFilters =
    dimension === "underlying"
      ? { underlying: row.key }
      : dimension === "symbol"
        ? { symbol: row.key }
        : dimension === "byAssetClass"
          ? { assetClass: row.key }
          : dimension === "bySide" && (row.key === "long" || row.key === "short")
            ? { side: row.key }
            : {};
  return `/trades${searchFromFilters({ ...filters, ...by })}`;
}

export function BreakdownsPage() {
  const { pathname, search } = useLocation();
  // No view in the URL: the one chosen last time.
  const stored = !new URLSearchParams(search).has("by") ? savedView() : null;
  const view = viewFromSearch(stored ? `${search}&${stored}` : search);
  const filters = scopeFilters(useScope());
  const setView = (next: View) => navigate(`${pathname}${searchWithView(search, next)}`, { replace: true });
  const viewSearch = searchWithView("", view).slice(1);
  useEffect(() => {
    try {
      window.localStorage.setItem(STORAGE_KEY, viewSearch);
    } catch {}
  }, [viewSearch]);

  const dim = DIMENSIONS.find((d) => d.key === view.dimension)!;
  const met = METRICS.find((m) => m.key === view.metric)!;
  const paged = view.dimension === "underlying" || view.dimension === "symbol";

  return (
    <div>
      <PageTitle title="Breakdowns">Breakdowns</PageTitle>
      <ScopeBar idPrefix="breakdown-scope" />
      <div className="card">
        <fieldset className="plain">
          <legend className="visually-hidden">Break down by</legend>
          <div className="row" style={{ marginBottom: "0.75rem" }}>
            <span className="seg">
              {DIMENSIONS.map((d) => (
                <button
                  key={d.key}
                  type="button"
                  aria-pressed={d.key === view.dimension}
                  onClick={() => setView({ ...view, dimension: d.key })}
                >
                  {d.label}
                </button>
              ))}
            </span>
          </div>
        </fieldset>
        <fieldset className="plain">
          <legend className="visually-hidden">Show</legend>
          <div className="row">
            <span className="seg">
              {METRICS.filter((m) => m.key !== "averageR" || isTagDimension(view.dimension)).map((m) => (
                <button
                  key={m.key}
                  type="button"
                  aria-pressed={m.key === view.metric}
                  onClick={() => setView({ ...view, metric: m.key })}
                >
                  {m.label}
                </button>
              ))}
            </span>
            <label className="small" htmlFor="breakdown-sort">
              Sort
            </label>
            <select
              id="breakdown-sort"
              value={view.sort}
              onChange={(e) => setView({ ...view, sort: e.target.value as Sort })}
            >
              {SORTS.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
      </div>
      <section className="card" aria-labelledby="breakdown-title">
        <div className="card-header">
          <h2 id="breakdown-title">
            {met.label} by {dim.label.toLowerCase()}
          </h2>
          <span className="muted small">
            {dim.note ?? "the number after each name is its trade count"}; a name opens its trades
          </span>
        </div>
        {isTagDimension(view.dimension) ? (
          <TagRows dimension={view.dimension} filters={filters} metric={view.metric} sort={view.sort} />
        ) : paged ? (
          <PagedRows
            dimension={view.dimension as "underlying" | "symbol"}
            filters={filters}
            metric={view.metric as GroupMetric}
            sort={view.sort}
          />
        ) : (
          <StatsRows
            dimension={view.dimension as StatsDimension}
            filters={filters}
            metric={view.metric as GroupMetric}
            sort={view.sort}
          />
        )}
      </section>
    </div>
  );
}

function useFormat(metric: Metric, currency: string | null) {
  return (v: string | null) =>
    metric === "averageR"
      ? formatR(v)
      : metric === "winRate"
        ? formatPercent(v)
        : metric === "avgReturnPct"
          ? formatPercent(v, { signed: true })
          : formatMoney(v, currency, { signed: true });
}

function TagRows({
  dimension,
  filters,
  metric,
  sort,
}: {
  dimension: TagDimension;
  filters: TradeFilters;
  metric: Metric;
  sort: Sort;
}) {
  const stats = useStats(filters);
  const format = useFormat(metric, stats.data?.summary.baseCurrency ?? null);
  return (
    <TagBreakdown
      dimension={dimension}
      filters={filters}
      value={(row) => (metric === "averageR" ? row.r.averageR : row[metric])}
      format={format}
      rate={metric === "winRate"}
      sort={sort}
    />
  );
}

function StatsRows({
  dimension,
  filters,
  metric,
  sort,
}: {
  dimension: StatsDimension;
  filters: TradeFilters;
  metric: GroupMetric;
  sort: Sort;
}) {
  const stats = useStats(filters);
  const format = useFormat(metric, stats.data?.summary.baseCurrency ?? null);
  if (stats.isPending) return <Loading />;
  if (stats.isError) return <ErrorNotice error={stats.error} retry={() => stats.refetch()} />;
  // Empty weekday/hour slots carry no information; keep the ones with trades.
  const groups = sortGroups(
    (stats.data.stats as Stats)[dimension].filter((g) => g.trades !== "0"),
    sort,
  );
  if (groups.length === 0) return <p className="empty">No closed trades in this period.</p>;
  return (
    <BarList
      groups={groups}
      value={(g) => g[metric]}
      format={format}
      scale={metric === "winRate" ? "rate" : "diverging"}
      label={(g) => (dimension === "byAssetClass" ? assetClassLabel(g.key) : g.label)}
      href={
        dimension === "byAssetClass" || dimension === "bySide"
          ? (g) => tradesHref(filters, g, dimension)
          : undefined
      }
      caption={`${metric} by ${dimension}`}
    />
  );
}

function PagedRows({
  dimension,
  filters,
  metric,
  sort,
  nested = false,
}: {
  dimension: "underlying" | "symbol";
  filters: TradeFilters;
  metric: GroupMetric;
  sort: Sort;
  nested?: boolean;
}) {
  const rows = useBreakdown(dimension, filters, sort === "natural" ? "key" : sort, nested ? 200 : 50);
  const stats = useStats(filters);
  const format = useFormat(metric, stats.data?.summary.baseCurrency ?? null);
  if (rows.isPending) return <Loading />;
  if (rows.isError) return <ErrorNotice error={rows.error} retry={() => rows.refetch()} />;
  const list = rows.data.pages.flatMap((p) => p.rows);
  const total = rows.data.pages[0]?.total ?? 0;
  if (list.length === 0) return <p className="empty">No closed trades in this period.</p>;
  const metricOf = (r: BreakdownRow) => r[metric];
  return (
    <>
      <BarList<BreakdownRow>
        groups={list}
        value={metricOf}
        format={(v) => format(v)}
        scale={metric === "winRate" ? "rate" : "diverging"}
        label={(r) => (dimension === "symbol" ? describeSymbol(r.key) : r.key)}
        href={(r) => tradesHref(filters, r, dimension)}
        extra={
          dimension === "underlying" && !nested
            ? (r) =>
                Number(r.contracts) > 1 ? (
                  <Contracts row={r} filters={filters} metric={metric} sort={sort} />
                ) : null
            : undefined
        }
        caption={`${metric} by ${dimension}`}
      />
      {!nested && (
        <p className="muted small">
          {list.length} of {total} {dimension === "underlying" ? "underlyings" : "contracts"}
          {metric === "avgReturnPct" && dimension === "underlying"
            ? " · an underlying's average return mixes its asset classes: open it for each contract's"
            : ""}
        </p>
      )}
      {rows.hasNextPage && (
        <button
          type="button"
          className="btn small"
          disabled={rows.isFetchingNextPage}
          onClick={() => rows.fetchNextPage()}
        >
          {rows.isFetchingNextPage ? "Loading…" : "Show more"}
        </button>
      )}
    </>
  );
}

/** The contracts inside an underlying, loaded when opened. */
function Contracts({
  row,
  filters,
  metric,
  sort,
}: {
  row: BreakdownRow;
  filters: TradeFilters;
  metric: GroupMetric;
  sort: Sort;
}) {
  const [open, setOpen] = useState(false);
  return (
    <details className="more" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="small">
        {row.contracts} contracts ({row.assetClasses.map(assetClassLabel).join(", ")})
      </summary>
      {open && (
        <PagedRows
          dimension="symbol"
          filters={{ ...filters, underlying: row.key }}
          metric={metric}
          sort={sort}
          nested
        />
      )}
    </details>
  );
}
