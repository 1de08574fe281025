// Login throttling per (email, client address), stored in the database so that every server process sees the
// same counts. The first FREE_FAILURES failures cost nothing; then each failure locks the key for twice as
// long as the one before (1 s, 2 s, 4 s … up to 15 min). A success clears the key; a key left alone for a day
// starts over.
import { sql } from "kysely";
import type { DbExecutor } from "../db/database.ts";
import { authDb } from "./auth-tables.ts";
import { sha256Hex } from "./secrets.ts";

export const FREE_FAILURES = 3;
export const MAX_LOCK_SECONDS = 15 * 60;
const FORGET_AFTER_MS = 24 * 3_600_000;

export function throttleKey(email: string, clientAddress: string): string {
  return sha256Hex(`${email.trim().toLowerCase()}\u0000${clientAddress}`);
}

export function lockSeconds(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_LOCK_SECONDS, 2 ** (failures - FREE_FAILURES));
}

/** Seconds until the key may try again; 0 when it may try now. */
export async function loginRetryAfter(db: DbExecutor, key: string, now: Date): Promise<number> {
  const row = await authDb(db)
    .selectFrom("login_throttle")
    .select("locked_until")
    .where("key", "=", key)
    .executeTakeFirst();
  if (!row?.locked_until) return 0;
  const ms = new Date(row.locked_until).getTime() - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

/** Counts one failure atomically (one upsert, safe across processes) and returns the new lock in seconds. */
export async function recordLoginFailure(db: DbExecutor, key: string, now: Date): Promise<number> {
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS);
  const row = await authDb(db)
    .insertInto("login_throttle")
    .values({ key, failures: 1, locked_until: null, updated_at: now })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        failures: sql<number>`case when login_throttle.updated_at < ${forgetBefore} then 1 else login_throttle.failures + 1 end`,
        updated_at: now,
      }),
    )
    .returning("failures")
    .executeTakeFirstOrThrow();
  const seconds = lockSeconds(row.failures);
  await authDb(db)
    .updateTable("login_throttle")
    .set({ locked_until: seconds > 0 ? new Date(now.getTime() + seconds * 1000) : null })
    .where("key", "=", key)
    .execute();
  return seconds;
}

export async function clearLoginFailures(db: DbExecutor, key: string): Promise<void> {
  await authDb(db).deleteFrom("login_throttle").where("key", "=", key).execute();
}
