// One build over a whole statement, split per IB account (the builder never mixes accounts).
import { buildTrades, type FlexData, type StoredBook } from "@closeout/core";

interface MutableBook {
  trades: StoredBook["trades"][number][];
  openPositions: StoredBook["openPositions"][number][];
  unmatched: StoredBook["unmatched"][number][];
}

export const EMPTY_BOOK: StoredBook = { trades: [], openPositions: [], unmatched: [] };

export function booksByIbAccount(data: FlexData): Map<string, StoredBook> {
  const out = new Map<string, MutableBook>();
  const of = (accountId: string) => {
    let book = out.get(accountId);
    if (book === undefined) {
      book = { trades: [], openPositions: [], unmatched: [] };
      out.set(accountId, book);
    }
    return book;
  };
  const built = buildTrades(data);
  for (const t of built.trades) of(t.accountId).trades.push(t);
  for (const p of built.openPositions) of(p.accountId).openPositions.push(p);
  for (const u of built.unmatched) of(u.accountId).unmatched.push(u);
  return out;
}
