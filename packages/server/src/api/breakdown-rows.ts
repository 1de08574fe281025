// Breakdowns the dashboard's stats do not fix: by underlying (an option's, a future's and the stock's trades in
// one row) and by contract, sorted and paged so that no answer grows with the number of contracts traded.
// Every figure is core's summarizeGroup over the row's trades.
import { type GroupStats, summarizeGroup } from "@closeout/core";
import { type GroupJson, groupToJson } from "./stats-json.ts";
import type { BookTrade } from "./trade-book.ts";
import type { UnderlyingOf } from "./trade-underlyings.ts";

export const BREAKDOWN_DIMENSIONS = ["underlying", "symbol"] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];
export const BREAKDOWN_SORT_KEYS = ["pnl", "trades", "winRate", "key"] as const;
export type BreakdownSortKey = (typeof BREAKDOWN_SORT_KEYS)[number];
export const BREAKDOWN_SORTS = BREAKDOWN_SORT_KEYS.flatMap((k) => [k, `-${k}`]) as [
  BreakdownSortKey | `-${BreakdownSortKey}`,
  ...(BreakdownSortKey | `-${BreakdownSortKey}`)[],
];
export type BreakdownSort = (typeof BREAKDOWN_SORTS)[number];

export interface BreakdownRow {
  readonly group: GroupStats;
  readonly underlying: string;
  /** Asset classes of the row's trades, in code-unit order. */
  readonly assetClasses: readonly string[];
  /** Distinct symbols (contracts and the stock) in the row. */
  readonly contracts: number;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One row per underlying or per symbol, in key order. */
export function breakdownRows(
  trades: readonly BookTrade[],
  dimension: BreakdownDimension,
  underlyingOf: UnderlyingOf,
): BreakdownRow[] {
  const groups = new Map<string, { trades: BookTrade[]; symbols: Set<string>; classes: Set<string> }>();
  for (const t of trades) {
    const key = dimension === "underlying" ? underlyingOf(t) : t.trade.symbol;
    let g = groups.get(key);
    if (g === undefined) {
      g = { trades: [], symbols: new Set(), classes: new Set() };
      groups.set(key, g);
    }
    g.trades.push(t);
    g.symbols.add(t.trade.symbol);
    g.classes.add(t.trade.assetClass);
  }
  return [...groups.keys()].sort(byText).map((key) => {
    const g = groups.get(key)!;
    return {
      group: summarizeGroup(
        key,
        key,
        g.trades.map((t) => t.trade),
      ),
      underlying: underlyingOf(g.trades[0]!),
      assetClasses: [...g.classes].sort(byText),
      contracts: g.symbols.size,
    };
  });
}

function compareRows(by: BreakdownSortKey): (a: BreakdownRow, b: BreakdownRow) => number {
  switch (by) {
    case "pnl":
      return (a, b) => a.group.netPnlBase.cmp(b.group.netPnlBase);
    case "trades":
      return (a, b) => a.group.trades - b.group.trades;
    case "winRate":
      // No decided trade (null) sorts below 0 %.
      return (a, b) =>
        a.group.winRate === null || b.group.winRate === null
          ? (a.group.winRate === null ? 0 : 1) - (b.group.winRate === null ? 0 : 1)
          : a.group.winRate.cmp(b.group.winRate);
    case "key":
      return (a, b) => byText(a.group.key, b.group.key);
  }
}

/** Sorted copy; ties keep key order whichever the direction, so pages never overlap. */
export function sortRows(rows: readonly BreakdownRow[], sort: BreakdownSort): BreakdownRow[] {
  const desc = sort.startsWith("-");
  const by = compareRows((desc ? sort.slice(1) : sort) as BreakdownSortKey);
  const index = new Map(rows.map((r, i) => [r, i]));
  return [...rows].sort((a, b) => (desc ? by(b, a) : by(a, b)) || index.get(a)! - index.get(b)!);
}

export function breakdownRowToJson(r: BreakdownRow): GroupJson & {
  underlying: string;
  assetClasses: string[];
  contracts: string;
} {
  return {
    ...groupToJson(r.group),
    underlying: r.underlying,
    assetClasses: [...r.assetClasses],
    contracts: String(r.contracts),
  };
}

/** The `limit` rows with the most closed trades (ties by key), in key order, as /api/stats carries them. */
export function topRows(rows: readonly BreakdownRow[], limit: number): BreakdownRow[] {
  if (rows.length <= limit) return [...rows];
  const keep = new Set(sortRows(rows, "-trades").slice(0, Math.max(0, limit)));
  return rows.filter((r) => keep.has(r));
}
