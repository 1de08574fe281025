// Stored trade books name the engine (book format and trade rules) that built them. After an upgrade that
// changes the rules, every book built by the old engine is rebuilt from the stored rows — by the workers at
// start, in the background — so users see the new rules' numbers without a new import. (Until then the API
// rebuilds such books on read without storing them: correct numbers, just slower.)
import { sql } from "kysely";
import { BOOK_ENGINE } from "../db/account-books-repository.ts";
import type { Db } from "../db/database.ts";
import { rebuildAccountTrades } from "./rebuild-account-trades.ts";

export interface RefreshOptions {
  /** Checked between accounts: a stopping process leaves the rest to the next start. */
  readonly shouldStop?: () => boolean;
}

/** Rebuilds every account's book that is missing or was built by another engine; returns how many. */
export async function refreshStaleBooks(db: Db, options: RefreshOptions = {}): Promise<number> {
  const stale = await db.kysely
    .selectFrom("accounts")
    .leftJoin("account_books", "account_books.account_id", "accounts.id")
    .select(["accounts.id", "accounts.ib_account_id"])
    .where((eb) =>
      eb.or([eb("account_books.engine", "is", null), eb("account_books.engine", "<>", BOOK_ENGINE)]),
    )
    .orderBy("accounts.id")
    .execute();
  let rebuilt = 0;
  for (const account of stale) {
    if (options.shouldStop?.()) break;
    const done = await db.kysely.transaction().execute(async (tx) => {
      // The import's lock for this IB account: never rebuild beside an import of the same account.
      await sql`select pg_advisory_xact_lock(hashtextextended(${`closeout:account:${account.ib_account_id}`}, 0))`.execute(
        tx,
      );
      const current = await tx
        .selectFrom("account_books")
        .select("engine")
        .where("account_id", "=", account.id)
        .executeTakeFirst();
      if (current?.engine === BOOK_ENGINE) return false; // an import rebuilt it meanwhile
      await rebuildAccountTrades(tx, [account.id], null);
      return true;
    });
    if (done) rebuilt++;
  }
  return rebuilt;
}
