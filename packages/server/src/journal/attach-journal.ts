// Finds each journal entry's trade in the current book by IB execution ids, so a note follows its trade through
// every rebuild (a sync, an older statement that extends or joins trades, new trade rules). An entry goes to
// the trade holding most of its executions (the earlier trade on a tie); with none it is an orphan. Entries
// that end up on one trade (two trades joined) are shown merged and kept apart until the user saves.
import { type Decimal, decimalString, ratioString, riskFromStop, rMultiple } from "@closeout/core";
import type { BookTrade, TradeBook } from "../api/trade-book.ts";
import type { JournalEntry, JournalSettings } from "./journal-repository.ts";

export type RiskSource = "amount" | "stop" | "default";

export interface TradeJournal {
  /** Entries attached to the trade, oldest first; empty for a trade with none. */
  readonly entryIds: readonly string[];
  readonly note: string;
  readonly tags: readonly string[];
  /** The risk that applies: the trade's own (currency of the trade) or the default (base currency). */
  readonly plannedRisk: Decimal | null;
  readonly stopPrice: Decimal | null;
  readonly riskSource: RiskSource | null;
  readonly r: Decimal | null;
  readonly updatedAt: string | null;
}

export interface JournalIndex {
  /** The journal of a trade of the book (the default risk alone for a trade without an entry). */
  of(trade: BookTrade): TradeJournal;
  /** Tags of a trade (none when it has no entry). */
  tagsOf(tradeId: string): readonly string[];
  /** Entries that no trade of the book contains any more. */
  readonly orphans: readonly JournalEntry[];
  /** Every tag the user has written, with how many entries carry it (suggestions). */
  readonly tagCounts: ReadonlyMap<string, number>;
  readonly settings: JournalSettings;
}

const EMPTY: readonly JournalEntry[] = [];
const EMPTY_TAGS: readonly string[] = [];

export function attachJournal(
  book: Pick<TradeBook, "trades">,
  entries: readonly JournalEntry[],
  settings: JournalSettings,
): JournalIndex {
  // Only the executions some entry names are looked up: a book has far more executions than a journal.
  const named = new Set<string>();
  for (const entry of entries) for (const id of entry.executionIds) named.add(id);
  const tradeOfExecution = new Map<string, number>();
  if (named.size > 0)
    book.trades.forEach((t, i) => {
      for (const id of t.trade.executionIds)
        if (id !== "" && named.has(id)) tradeOfExecution.set(`${t.trade.accountId}\u0000${id}`, i);
    });
  const attached = new Map<string, JournalEntry[]>();
  const orphans: JournalEntry[] = [];
  const tagCounts = new Map<string, number>();
  for (const entry of entries) {
    for (const tag of entry.tags) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
    const hits = new Map<number, number>();
    for (const id of entry.executionIds) {
      const i = tradeOfExecution.get(`${entry.ibAccountId}\u0000${id}`);
      if (i !== undefined) hits.set(i, (hits.get(i) ?? 0) + 1);
    }
    let best: number | null = null;
    for (const [i, n] of hits)
      if (best === null || n > hits.get(best)! || (n === hits.get(best)! && i < best)) best = i;
    if (best === null) {
      orphans.push(entry);
      continue;
    }
    const id = book.trades[best]!.id;
    const list = attached.get(id);
    if (list) list.push(entry);
    else attached.set(id, [entry]);
  }

  const of = (bt: BookTrade): TradeJournal => {
    const list = attached.get(bt.id) ?? EMPTY;
    const latestRisk = [...list]
      .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0))
      .find((e) => e.plannedRisk !== null || e.stopPrice !== null);
    const stopPrice = latestRisk?.stopPrice ?? null;
    let plannedRisk = latestRisk?.plannedRisk ?? null;
    let riskSource: RiskSource | null = plannedRisk !== null ? "amount" : null;
    if (plannedRisk === null && stopPrice !== null) {
      plannedRisk = riskFromStop(bt.trade, stopPrice);
      riskSource = plannedRisk === null ? null : "stop";
    }
    let r = rMultiple(bt.trade.realizedPnl, plannedRisk);
    if (plannedRisk === null && settings.defaultRisk !== null) {
      plannedRisk = settings.defaultRisk;
      riskSource = "default";
      r = rMultiple(bt.trade.realizedPnlBase, plannedRisk);
    }
    return {
      entryIds: list.map((e) => e.id),
      note: list
        .map((e) => e.note)
        .filter((n) => n !== "")
        .join("\n\n"),
      tags: [...new Set(list.flatMap((e) => e.tags))].sort(),
      plannedRisk,
      stopPrice,
      riskSource,
      r,
      updatedAt: list.reduce<string | null>(
        (m, e) => (m === null || e.updatedAt > m ? e.updatedAt : m),
        null,
      ),
    };
  };
  const tagsCache = new Map<string, readonly string[]>();
  return {
    of,
    tagsOf(tradeId) {
      const list = attached.get(tradeId);
      if (list === undefined) return EMPTY_TAGS;
      let tags = tagsCache.get(tradeId);
      if (tags === undefined) {
        tags = list.length === 1 ? list[0]!.tags : [...new Set(list.flatMap((e) => e.tags))].sort();
        tagsCache.set(tradeId, tags);
      }
      return tags;
    },
    orphans,
    tagCounts,
    settings,
  };
}

/** The journal as the API and `trades --journal` show it: decimals as strings, R rounded like every ratio. */
export function tradeJournalJson(j: TradeJournal) {
  return {
    note: j.note,
    tags: j.tags,
    plannedRisk: j.plannedRisk === null ? null : decimalString(j.plannedRisk),
    stopPrice: j.stopPrice === null ? null : decimalString(j.stopPrice),
    riskSource: j.riskSource,
    r: j.r === null ? null : ratioString(j.r),
    entries: j.entryIds.length,
    updatedAt: j.updatedAt,
  };
}
export type TradeJournalJson = ReturnType<typeof tradeJournalJson>;
