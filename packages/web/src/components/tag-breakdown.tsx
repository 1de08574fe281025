// The breakdowns by tag and by tag group (docs/metrics.md "By tag"): every figure the other breakdowns show,
// plus each row's R. A tag opens its trades; a group opens the trades with any tag of it ("setup:*").
import { useStats } from "../api/queries.ts";
import type { TagStatsRow } from "../api/tag-stats.ts";
import type { TradeFilters } from "../api/types.ts";
import { formatCount, formatR } from "../lib/format.ts";
import { type GroupSort, sortGroups } from "../lib/sort-groups.ts";
import { searchFromFilters } from "../lib/trade-filters.ts";
import { BarList } from "./bar-list.tsx";
import { ErrorNotice, Loading } from "./ui.tsx";

export type TagDimension = "byTag" | "byTagGroup";

export function TagBreakdown({
  dimension,
  filters,
  value,
  format,
  rate,
  sort,
}: {
  dimension: TagDimension;
  filters: TradeFilters;
  /** The figure drawn as the bar, a decimal string. */
  value: (row: TagStatsRow) => string | null;
  format: (v: string | null) => string;
  rate: boolean;
  sort: GroupSort;
}) {
  const stats = useStats(filters);
  if (stats.isPending) return <Loading />;
  if (stats.isError) return <ErrorNotice error={stats.error} retry={() => stats.refetch()} />;
  const rows = sortGroups(stats.data.stats[dimension], sort);
  if (rows.length === 0)
    return (
      <p className="empty">
        No tagged trades in this period. Tags are written in the journal on a trade's page.
      </p>
    );
  const tagOf = (row: TagStatsRow) => (dimension === "byTagGroup" ? `${row.key}:*` : row.key);
  return (
    <BarList<TagStatsRow>
      groups={rows}
      value={value}
      format={format}
      scale={rate ? "rate" : "diverging"}
      href={(row) => `/trades${searchFromFilters({ ...filters, tag: tagOf(row) })}`}
      extra={(row) => <RLine row={row} />}
      caption={`by ${dimension === "byTag" ? "tag" : "tag group"}`}
    />
  );
}

function RLine({ row }: { row: TagStatsRow }) {
  const { r } = row;
  return (
    <span className="small muted r-line" data-testid="tag-r">
      {r.trades === "0"
        ? "no planned risk on these trades"
        : `average ${formatR(r.averageR)} · expectancy ${formatR(r.expectancyR)} · total ${formatR(r.totalR)} over ${formatCount(r.trades)} with a risk`}
    </span>
  );
}
