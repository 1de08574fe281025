// The fingerprint of the key the stored Flex tokens are sealed with (one row, table token_key). It names the
// key without revealing it, so a start with another key is caught before any token is touched.
import type { DbExecutor } from "./database.ts";

export async function readTokenKeyFingerprint(db: DbExecutor): Promise<string | null> {
  const row = await db.selectFrom("token_key").select("fingerprint").executeTakeFirst();
  return row?.fingerprint ?? null;
}

/** Records the key in use; the first writer wins when several processes start at once. */
export async function recordTokenKeyFingerprint(db: DbExecutor, fingerprint: string): Promise<void> {
  await db
    .insertInto("token_key")
    .values({ fingerprint })
    .onConflict((oc) => oc.column("singleton").doNothing())
    .execute();
}

/** Replaces the recorded key (a rotation, or a new key on a database without links). */
export async function replaceTokenKeyFingerprint(db: DbExecutor, fingerprint: string): Promise<void> {
  await db
    .insertInto("token_key")
    .values({ fingerprint })
    .onConflict((oc) => oc.column("singleton").doUpdateSet({ fingerprint, updated_at: new Date() }))
    .execute();
}
