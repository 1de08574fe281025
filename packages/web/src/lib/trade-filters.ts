// The trades list's filters and sort live in the URL (shareable, back button works); these convert both ways.
import type { SortKey, TradeFilters, TradeSort } from "../api/types.ts";

const SORTS: ReadonlySet<string> = new Set<TradeSort>([
  "closedAt",
  "-closedAt",
  "pnl",
  "-pnl",
  "returnPct",
  "-returnPct",
  "symbol",
  "-symbol",
  "holdingSeconds",
  "-holdingSeconds",
]);

export const DEFAULT_SORT: TradeSort = "-closedAt";
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The journal's tag filters: any of, all of, none of (docs/api.md "Journal"). */
export const TAG_KEYS = ["tag", "tagAll", "tagNone"] as const;
export type TagKey = (typeof TAG_KEYS)[number];

/** The tags of a tag filter, which the URL and the API carry comma-separated. */
export function tagsOfFilter(value: string | readonly string[] | undefined): string[] {
  const tags = [value ?? []]
    .flat()
    .flatMap((v) => v.split(","))
    .map((t) => t.normalize("NFKC").trim().toLowerCase().replace(/\s+/g, "-"))
    .filter((t) => t !== "");
  return [...new Set(tags)];
}

export function filtersFromSearch(search: string): { filters: TradeFilters; sort: TradeSort } {
  const params = new URLSearchParams(search);
  const filters: TradeFilters = {};
  const text = (key: string) => {
    const value = params.get(key)?.trim();
    return value ? value : undefined;
  };
  const account = text("account");
  if (account) filters.account = account;
  const symbol = text("symbol");
  if (symbol) filters.symbol = symbol.toUpperCase();
  const underlying = text("underlying");
  if (underlying) filters.underlying = underlying.toUpperCase();
  const assetClass = text("assetClass");
  if (assetClass) filters.assetClass = assetClass;
  const side = text("side");
  if (side === "long" || side === "short") filters.side = side;
  const outcome = text("outcome");
  if (outcome === "win" || outcome === "loss" || outcome === "scratch") filters.outcome = outcome;
  const from = text("from");
  if (from && DATE.test(from)) filters.from = from;
  const to = text("to");
  if (to && DATE.test(to)) filters.to = to;
  for (const key of TAG_KEYS) {
    const tags = tagsOfFilter(params.getAll(key));
    if (tags.length > 0) filters[key] = tags.join(",");
  }
  for (const key of ["minHoldSeconds", "maxHoldSeconds"] as const) {
    const value = text(key);
    if (value && /^\d+$/.test(value)) filters[key] = Number(value);
  }
  const sortText = text("sort");
  const sort = sortText && SORTS.has(sortText) ? (sortText as TradeSort) : DEFAULT_SORT;
  return { filters, sort };
}

export function searchFromFilters(filters: TradeFilters, sort: TradeSort = DEFAULT_SORT): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  if (sort !== DEFAULT_SORT) params.set("sort", sort);
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}

/** Flip a column's sort: descending first, then ascending. */
export function toggleSort(current: TradeSort, column: SortKey): TradeSort {
  return current === `-${column}` ? column : `-${column}`;
}
