// Limits on password guesses and sign-ups, stored in the database so that every server process sees the same
// counts. An attempt first reserves a slot under each of its keys with one upsert (atomic under concurrency),
// and only an admitted attempt verifies a password: parallel guesses cannot all pass a check made before any
// of them is counted. The first `free` reservations of a key cost nothing; from then on each one locks the key
// for twice as long as the one before (1 s, 2 s, 4 s … up to 15 min), pessimistically, until the attempt
// turns out right. Reservations refused while locked are not counted. A key left alone for a day starts over.
import { sql } from "kysely";
import type { DbExecutor } from "../db/database.ts";
import { authDb } from "./auth-tables.ts";
import { sha256Hex } from "./secrets.ts";

export interface ThrottlePolicy {
  readonly name: string;
  /** Reservations before the first lock. */
  readonly free: number;
}

/** Password guesses for one account (login and the current-password checks), from any address. */
export const ACCOUNT_POLICY: ThrottlePolicy = { name: "account", free: 3 };
/** Password guesses from one client address, over every account (many users may share one NAT). */
export const ADDRESS_POLICY: ThrottlePolicy = { name: "address", free: 20 };
/** Sign-up attempts from one client address; a success does not give the slot back. */
export const SIGNUP_POLICY: ThrottlePolicy = { name: "signup", free: 10 };

export const MAX_LOCK_SECONDS = 15 * 60;
const FORGET_AFTER_MS = 24 * 3_600_000;

export function accountKey(email: string): string {
  return `account:${sha256Hex(email.trim().toLowerCase())}`;
}

export function addressKey(policy: ThrottlePolicy, clientAddress: string): string {
  return `${policy.name}:${sha256Hex(clientAddress)}`;
}

export function lockSeconds(reservations: number, free: number): number {
  if (reservations < free) return 0;
  return Math.min(MAX_LOCK_SECONDS, 2 ** (reservations - free));
}

export type Reservation =
  | { readonly admitted: true }
  | { readonly admitted: false; readonly retryAfter: number };

/** Reserves one attempt under `key` in a single statement; refused while the key is locked. */
export async function reserveAttempt(
  db: DbExecutor,
  key: string,
  policy: ThrottlePolicy,
  now: Date,
): Promise<Reservation> {
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS);
  const firstLock = lockSeconds(1, policy.free);
  const stale = sql<boolean>`login_throttle.updated_at < ${forgetBefore}`;
  const locked = sql<boolean>`coalesce(login_throttle.locked_until > ${now}, false)`;
  // The exponent is capped so that power() stays finite however long a key is hammered.
  const nextLock = sql<Date | null>`case when login_throttle.failures + 1 >= ${policy.free}
    then ${now}::timestamptz + make_interval(secs => least(${MAX_LOCK_SECONDS}::float8,
      power(2::float8, least(login_throttle.failures + 1 - ${policy.free}, 20))))
    else null end`;
  const row = await authDb(db)
    .insertInto("login_throttle")
    .values({
      key,
      failures: 1,
      locked_until: firstLock > 0 ? new Date(now.getTime() + firstLock * 1000) : null,
      updated_at: now,
      last_admitted: true,
    })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        failures: sql<number>`case when ${stale} then 1 when ${locked} then login_throttle.failures
          else login_throttle.failures + 1 end`,
        locked_until: sql<Date | null>`case
          when ${stale} then ${firstLock > 0 ? new Date(now.getTime() + firstLock * 1000) : null}::timestamptz
          when ${locked} then login_throttle.locked_until else ${nextLock} end`,
        last_admitted: sql<boolean>`${stale} or not ${locked}`,
        updated_at: now,
      }),
    )
    .returning(["last_admitted", "locked_until"])
    .executeTakeFirstOrThrow();
  if (row.last_admitted) return { admitted: true };
  const ms = row.locked_until ? new Date(row.locked_until).getTime() - now.getTime() : 1000;
  return { admitted: false, retryAfter: Math.max(1, Math.ceil(ms / 1000)) };
}

/** The attempt turned out right: the key starts over (the account's counter after a correct password). */
export async function clearAttempts(db: DbExecutor, key: string): Promise<void> {
  await authDb(db).deleteFrom("login_throttle").where("key", "=", key).execute();
}

/** Gives one right attempt's slot back, so that many users behind one address are not locked by successes. */
export async function releaseAttempt(db: DbExecutor, key: string, policy: ThrottlePolicy): Promise<void> {
  await authDb(db)
    .updateTable("login_throttle")
    .set({
      failures: sql<number>`greatest(failures - 1, 0)`,
      locked_until: sql<Date | null>`case when failures - 1 < ${policy.free} then null else locked_until end`,
    })
    .where("key", "=", key)
    .execute();
}
