// Statistics by tag and by tag group: the figures of every other breakdown (core's summarizeGroup over the
// tagged trades) plus their R (core's computeRStats). A trade with several tags counts in each of them.
import { computeRStats, type Decimal, type RStats, ratioString, summarizeGroup } from "@closeout/core";
import { groupToJson } from "../api/stats-json.ts";
import type { BookTrade } from "../api/trade-book.ts";
import type { JournalIndex } from "./attach-journal.ts";
import { tagGroup } from "./normalize-tag.ts";

const ratio = (v: Decimal | null): string | null => (v === null ? null : ratioString(v));

export function rStatsToJson(s: RStats) {
  return {
    trades: String(s.trades),
    totalR: ratioString(s.totalR),
    averageR: ratio(s.averageR),
    avgWinR: ratio(s.avgWinR),
    avgLossR: ratio(s.avgLossR),
    expectancyR: ratio(s.expectancyR),
    distribution: s.distribution.map((b) => ({
      key: b.key,
      from: b.from === null ? null : String(b.from),
      to: b.to === null ? null : String(b.to),
      trades: String(b.trades),
    })),
  };
}
export type RStatsJson = ReturnType<typeof rStatsToJson>;

/** R statistics of the trades that have an R (own risk or the default). */
export function rStatsOf(trades: readonly BookTrade[], journal: JournalIndex): RStats {
  const rs: Decimal[] = [];
  for (const t of trades) {
    const r = journal.of(t).r;
    if (r !== null) rs.push(r);
  }
  return computeRStats(rs);
}

function grouped(
  trades: readonly BookTrade[],
  journal: JournalIndex,
  keysOf: (tags: readonly string[]) => string[],
) {
  const groups = new Map<string, BookTrade[]>();
  for (const t of trades) {
    const tags = journal.tagsOf(t.id);
    // Most trades have no tag, hence no key.
    if (tags.length === 0) continue;
    for (const key of keysOf(tags)) {
      const list = groups.get(key);
      if (list) list.push(t);
      else groups.set(key, [t]);
    }
  }
  return [...groups.keys()].sort().map((key) => {
    const list = groups.get(key)!;
    return {
      ...groupToJson(
        summarizeGroup(
          key,
          key,
          list.map((t) => t.trade),
        ),
      ),
      r: rStatsToJson(rStatsOf(list, journal)),
    };
  });
}

/** stats.byTag, stats.byTagGroup and stats.r of `trades` (already filtered and in one base currency). */
export function journalStats(trades: readonly BookTrade[], journal: JournalIndex) {
  return {
    byTag: grouped(trades, journal, (tags) => [...tags]),
    byTagGroup: grouped(trades, journal, (tags) => [
      ...new Set(tags.map(tagGroup).filter((g): g is string => g !== null)),
    ]),
    r: rStatsToJson(rStatsOf(trades, journal)),
  };
}
export type JournalStatsJson = ReturnType<typeof journalStats>;
