// Second guard (after the queue's one-queued-job-per-link): no link is synced by two workers at once.
// In-process, a set of links being synced. On PostgreSQL, also a session advisory lock held on a reserved
// connection for the whole sync, so workers in other processes skip the link; the lock dies with the
// connection if the worker dies. PGlite is one backend session, where advisory locks cannot tell callers
// apart — but the embedded database belongs to one process (embedded/data-dir-lock.ts), so the set suffices.
import { sql } from "kysely";
import type { Db } from "../db/database.ts";

export interface LinkLock {
  /** A release function, or null when the link is being synced elsewhere. */
  tryAcquire(linkId: string): Promise<(() => Promise<void>) | null>;
}

const syncingHere = new Set<string>();

export function linkLockKey(linkId: string): string {
  return `closeout:sync-link:${linkId}`;
}

export function createLinkLock(db: Db): LinkLock {
  return {
    async tryAcquire(linkId) {
      if (syncingHere.has(linkId)) return null;
      syncingHere.add(linkId);
      const releaseHere = () => {
        syncingHere.delete(linkId);
      };
      if (db.kind !== "postgres") {
        return async () => releaseHere();
      }
      let finish!: () => void;
      const finished = new Promise<void>((resolve) => {
        finish = resolve;
      });
      let held: Promise<void> = Promise.resolve();
      const acquired = await new Promise<boolean>((resolve, reject) => {
        held = db.kysely
          .connection()
          .execute(async (connection) => {
            const key = sql`hashtextextended(${linkLockKey(linkId)}, 0)`;
            const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${key}) as ok`.execute(
              connection,
            );
            const ok = rows[0]?.ok === true;
            resolve(ok);
            if (!ok) return;
            await finished;
            await sql`select pg_advisory_unlock(${key})`.execute(connection);
          })
          .catch((error: unknown) => reject(error));
      }).catch((error: unknown) => {
        releaseHere();
        throw error;
      });
      if (!acquired) {
        releaseHere();
        return null;
      }
      return async () => {
        finish();
        // An unlock that fails (connection lost) released the lock with the session anyway.
        await held.catch(() => {});
        releaseHere();
      };
    },
  };
}
