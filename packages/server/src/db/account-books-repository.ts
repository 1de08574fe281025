// Derived trades, stored per account as one compressed trade book (core's trade-book codec): written by the
// import's rebuild step in the import's transaction, read by the API instead of rebuilding from every row.
import { decodeTradeBook, type StoredBook, TRADE_BOOK_FORMAT, TRADE_RULES_VERSION } from "@closeout/core";
import type { DbExecutor } from "./database.ts";
import { type PackedTradeBook, packTradeBook } from "./packed-trade-book.ts";
import { gunzipOffThread } from "./zlib-off-thread.ts";

/** The format and rules a book is built with today; a stored book of another engine is stale. */
export const BOOK_ENGINE = `${TRADE_BOOK_FORMAT}:${TRADE_RULES_VERSION}`;

/**
 * Stores the account's book (replacing the previous one); returns its number of closed trades. `engine` is
 * the rules that built it (tests stand for older rules with another one).
 */
export async function replaceAccountBook(
  db: DbExecutor,
  accountId: string,
  book: StoredBook,
  engine = BOOK_ENGINE,
): Promise<number> {
  return storePackedAccountBook(db, accountId, await packTradeBook(book), engine);
}

/** Stores a book already packed (packed-trade-book.ts); returns its number of closed trades. */
export async function storePackedAccountBook(
  db: DbExecutor,
  accountId: string,
  { gzip, tradeCount }: PackedTradeBook,
  engine = BOOK_ENGINE,
): Promise<number> {
  await db
    .insertInto("account_books")
    .values({
      account_id: accountId,
      engine,
      trade_count: tradeCount,
      book_gzip: gzip,
    })
    .onConflict((oc) =>
      oc.column("account_id").doUpdateSet({
        engine,
        trade_count: tradeCount,
        book_gzip: gzip,
        built_at: new Date(),
      }),
    )
    .execute();
  return tradeCount;
}

/** The account's stored book, or null when there is none or it was built by another engine. */
export async function loadAccountBook(db: DbExecutor, accountId: string): Promise<StoredBook | null> {
  return (await loadAccountBookSized(db, accountId))?.book ?? null;
}

/**
 * loadAccountBook, with the byte length of the book's encoding (what a cache can weigh it by); a book built by
 * another engine than `engine` (the running rules) is stale: null.
 */
export async function loadAccountBookSized(
  db: DbExecutor,
  accountId: string,
  engine = BOOK_ENGINE,
): Promise<{ book: StoredBook; encodedBytes: number } | null> {
  const row = await db
    .selectFrom("account_books")
    .select(["engine", "book_gzip"])
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  if (row === undefined || row.engine !== engine) return null;
  const text = await gunzipOffThread(asBuffer(row.book_gzip));
  return { book: decodeTradeBook(text.toString("utf8")), encodedBytes: text.byteLength };
}

/** pg hands bytea over as a Buffer already; anything else is wrapped without a copy. */
const asBuffer = (bytes: Uint8Array): Buffer =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
