// The import's rebuild step: after new rows are stored, each touched account's trade book is rebuilt with
// core's buildTrades and stored (account-books-repository.ts) inside the same transaction, so readers see the
// old book or the new one, never a mix.
//
// Normally the builder reads every stored row of the account back (loadAccountFlexData), so history stitched
// from many statements is rebuilt whole. When the statement being imported is the user's first, the stored
// rows are exactly this statement's rows, so the book is built from the parsed statement already in memory
// instead: the same book (checked on every shared sample and a generated year by
// rebuild-account-trades.test.ts) without reading 100k rows back, which took longer than storing them.
import { buildTrades, type FlexData, type StoredBook } from "@closeout/core";
import type { Transaction } from "kysely";
import { replaceAccountBook } from "../db/account-books-repository.ts";
import { loadAccountFlexData } from "../db/load-account-flex-data.ts";
import type { Schema } from "../db/schema.ts";

/** The parsed statement of an import that is its user's first, and the IB ids of `accountIds`, in order. */
export interface FirstStatement {
  readonly data: FlexData;
  readonly ibAccountIds: readonly string[];
}

export async function rebuildAccountTrades(
  tx: Transaction<Schema>,
  accountIds: readonly string[],
  first: FirstStatement | null = null,
): Promise<number> {
  const fromMemory = first === null ? null : booksByIbAccount(first.data);
  let count = 0;
  for (const [i, accountId] of accountIds.entries()) {
    const book =
      fromMemory === null
        ? buildTrades(await loadAccountFlexData(tx, accountId))
        : (fromMemory.get(first?.ibAccountIds[i] ?? "") ?? EMPTY);
    count += await replaceAccountBook(tx, accountId, book);
  }
  return count;
}

const EMPTY: StoredBook = { trades: [], openPositions: [], unmatched: [] };

interface MutableBook {
  trades: StoredBook["trades"][number][];
  openPositions: StoredBook["openPositions"][number][];
  unmatched: StoredBook["unmatched"][number][];
}

/** One build over the whole statement, split per account (the builder never mixes accounts). */
function booksByIbAccount(data: FlexData): Map<string, StoredBook> {
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
