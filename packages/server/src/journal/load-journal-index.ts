// The user's journal attached to their current book. Attaching walks every entry and trade, so the result is
// kept with the book object (dropped with it) until the journal's version changes.
import type { TradeBook } from "../api/trade-book.ts";
import type { DbExecutor } from "../db/database.ts";
import { attachJournal, type JournalIndex } from "./attach-journal.ts";
import { journalVersion, listJournalEntries, loadJournalSettings } from "./journal-repository.ts";

const attachedByBook = new WeakMap<TradeBook, { version: string; index: Promise<JournalIndex> }>();

export interface LoadedJournal {
  readonly index: JournalIndex;
  /** Changes with the book and with every journal write: a key for cached answers that depend on both. */
  readonly version: string;
}

export async function loadJournalIndex(
  db: DbExecutor,
  userId: string,
  book: TradeBook,
): Promise<LoadedJournal> {
  const version = await journalVersion(db, userId);
  let hit = attachedByBook.get(book);
  if (hit === undefined || hit.version !== version) {
    const index = Promise.all([listJournalEntries(db, userId), loadJournalSettings(db, userId)]).then(
      ([entries, settings]) => attachJournal(book, entries, settings),
    );
    hit = { version, index };
    attachedByBook.set(book, hit);
    index.catch(() => {
      if (attachedByBook.get(book) === hit) attachedByBook.delete(book);
    });
  }
  return { index: await hit.index, version: `${book.version}|j${version}` };
}
