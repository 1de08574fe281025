// The import's rebuild step: after new rows are stored, each touched account's trade book is rebuilt with
// core's buildTrades and stored (account-books-repository.ts) inside the same transaction, so readers see the
// old book or the new one, never a mix.
//
// Normally the builder reads every stored row of the account back (loadAccountFlexData), so history stitched
// from many statements is rebuilt whole. When the statement being imported is the user's first, the stored
// rows are exactly this statement's rows, so the book is built from the statement instead: on a worker thread
// while the rows were stored when the statement is large (first-books.ts), else from the parsed statement in
// memory. Both give the same book as reading 100k rows back (checked on every shared sample and a generated
// year by rebuild-account-trades.test.ts), which took longer than storing them.
import { buildTrades } from "@closeout/core";
import type { Transaction } from "kysely";
import { replaceAccountBook, storePackedAccountBook } from "../db/account-books-repository.ts";
import type { FirstStatement, StartedFirstStatement } from "../db/import-flex-data.ts";
import { loadAccountFlexData } from "../db/load-account-flex-data.ts";
import type { Schema } from "../db/schema.ts";
import { booksByIbAccount, EMPTY_BOOK } from "./books-by-ib-account.ts";
import { type PackedBooks, startFirstBooks } from "./first-books.ts";

export type { FirstStatement } from "../db/import-flex-data.ts";

/** A first statement whose books may be under way on a worker thread (first-books.ts). */
export type FirstStatementBooks = StartedFirstStatement<Promise<PackedBooks | null> | null>;

export async function rebuildAccountTrades(
  tx: Transaction<Schema>,
  accountIds: readonly string[],
  first: FirstStatementBooks | null = null,
): Promise<number> {
  const packed = (await first?.started) ?? null;
  if (first !== null && packed !== null) {
    let count = 0;
    for (const [i, accountId] of accountIds.entries()) {
      const book = packed.get(first.ibAccountIds[i] ?? "");
      count +=
        book === undefined
          ? await replaceAccountBook(tx, accountId, EMPTY_BOOK)
          : await storePackedAccountBook(tx, accountId, book);
    }
    return count;
  }
  const fromMemory = first === null ? null : booksByIbAccount(first.data);
  let count = 0;
  for (const [i, accountId] of accountIds.entries()) {
    const book =
      fromMemory === null
        ? buildTrades(await loadAccountFlexData(tx, accountId))
        : (fromMemory.get(first?.ibAccountIds[i] ?? "") ?? EMPTY_BOOK);
    count += await replaceAccountBook(tx, accountId, book);
  }
  return count;
}

/** What an import passes to importFlexData to have its trades rebuilt (and a large first statement's early). */
export const TRADE_REBUILD = {
  rebuild: rebuildAccountTrades,
  onFirstStatement: (first: FirstStatement) => startFirstBooks(first),
} as const;
