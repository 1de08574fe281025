// The public profile's statistics by tag: only for the tags the user chose to publish (journal settings), never
// a note and never another tag's name. Built on the profile's verified trades; the caller strips amounts in
// percent mode, as for every other breakdown.
import { type RoundTrip, summarizeGroup } from "@closeout/core";
import { groupToJson } from "../api/stats-json.ts";
import type { DbExecutor } from "../db/database.ts";
import { attachJournal } from "./attach-journal.ts";
import { listJournalEntries, loadJournalSettings } from "./journal-repository.ts";
import { rStatsOf, rStatsToJson } from "./journal-stats.ts";

export async function loadPublicTagStats(db: DbExecutor, userId: string, trades: readonly RoundTrip[]) {
  const settings = await loadJournalSettings(db, userId);
  if (settings.publicTags.length === 0) return [];
  const booked = trades.map((trade, i) => ({ id: String(i), accountDbId: "", trade }));
  const journal = attachJournal({ trades: booked }, await listJournalEntries(db, userId), settings);
  return settings.publicTags.map((tag) => {
    const tagged = booked.filter((t) => journal.tagsOf(t.id).includes(tag));
    const r = rStatsToJson(rStatsOf(tagged, journal));
    return {
      ...groupToJson(
        summarizeGroup(
          tag,
          tag,
          tagged.map((t) => t.trade),
        ),
      ),
      averageR: r.averageR,
      rTrades: r.trades,
    };
  });
}
