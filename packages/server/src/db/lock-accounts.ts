// Concurrent imports touching the same IB accounts are serialised by transaction-scoped advisory locks (cheap
// on PostgreSQL, a no-op in effect on single-connection PGlite). Taken in sorted order, so two imports never
// wait on each other's locks.
import { sql, type Transaction } from "kysely";
import type { Schema } from "./schema.ts";

export async function lockAccounts(
  tx: Transaction<Schema>,
  sortedIbAccounts: readonly string[],
): Promise<void> {
  for (const ibAccountId of sortedIbAccounts) {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`closeout:account:${ibAccountId}`}, 0))`.execute(
      tx,
    );
  }
}
