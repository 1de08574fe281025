// Keeps two tables that grow with use from growing for ever, by age. Run from the scheduled tick.
// - login_throttle: a key left alone for a day starts over anyway (auth/login-throttle.ts); rows older than
//   two days that no longer lock anything are dropped.
// - sync_runs: the link page lists a link's last SYNC_RUNS_SHOWN runs, so those are always kept; older runs
//   are dropped once they are SYNC_RUNS_MAX_AGE_DAYS old. Running runs are never touched.
import { sql } from "kysely";
import type { Db } from "../db/database.ts";

export const LOGIN_THROTTLE_MAX_AGE_MS = 2 * 86_400_000;
export const SYNC_RUNS_SHOWN = 100;
export const SYNC_RUNS_MAX_AGE_DAYS = 90;
/** Rows deleted per statement, so one prune never holds long locks. */
const BATCH = 5_000;

export interface PruneResult {
  readonly loginThrottle: number;
  readonly syncRuns: number;
}

export async function pruneOldRows(db: Db, now: Date): Promise<PruneResult> {
  const throttleBefore = new Date(now.getTime() - LOGIN_THROTTLE_MAX_AGE_MS);
  const runsBefore = new Date(now.getTime() - SYNC_RUNS_MAX_AGE_DAYS * 86_400_000);
  let loginThrottle = 0;
  let syncRuns = 0;
  for (;;) {
    const { numDeletedRows } = await db.kysely
      .deleteFrom("login_throttle")
      .where(
        "key",
        "in",
        db.kysely
          .selectFrom("login_throttle")
          .select("key")
          .where("updated_at", "<", throttleBefore)
          .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", now)]))
          .limit(BATCH),
      )
      .executeTakeFirst();
    loginThrottle += Number(numDeletedRows);
    if (numDeletedRows < BigInt(BATCH)) break;
  }
  for (;;) {
    const { numDeletedRows } = await db.kysely
      .deleteFrom("sync_runs")
      .where(
        "id",
        "in",
        db.kysely
          .selectFrom("sync_runs as s")
          .select("s.id")
          .where("s.started_at", "<", runsBefore)
          .where("s.status", "<>", "running")
          .where(
            sql<number>`(select count(*) from sync_runs n where n.link_id = s.link_id and n.started_at > s.started_at)`,
            ">=",
            SYNC_RUNS_SHOWN,
          )
          .limit(BATCH),
      )
      .executeTakeFirst();
    syncRuns += Number(numDeletedRows);
    if (numDeletedRows < BigInt(BATCH)) break;
  }
  return { loginThrottle, syncRuns };
}
