// The breakdowns' row order. Ordering only (the figures shown are the API's strings); rows by underlying and
// contract come sorted by the server, the others are ordered here.
import type { BreakdownSort, GroupStats } from "../api/types.ts";

/** "natural": the dimension's own order (weekdays Monday first, hours, holding buckets, tags by name). */
export type GroupSort = BreakdownSort | "natural";

export function sortGroups<G extends GroupStats>(groups: readonly G[], sort: GroupSort): G[] {
  if (sort === "natural") return [...groups];
  const desc = sort.startsWith("-");
  const key = desc ? sort.slice(1) : sort;
  const num = (g: G) =>
    key === "pnl" ? Number(g.netPnlBase) : key === "trades" ? Number(g.trades) : Number(g.winRate ?? -1);
  return [...groups].sort((a, b) => (desc ? num(b) - num(a) : num(a) - num(b)));
}
