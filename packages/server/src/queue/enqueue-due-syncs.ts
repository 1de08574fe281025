// The scheduler's tick: queue a daily sync for every link whose next_sync_at has come. Each link is claimed by
// moving next_sync_at forward (FOR UPDATE SKIP LOCKED), so schedulers in several processes never queue it
// twice and a tick during a long sync does not queue it again; the sync then sets the real next slot. A link
// whose sync never finishes is claimed again after `claimMs`.
import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import { STOPPED_LINK_STATUSES } from "../sync/link-status.ts";
import type { JobQueue } from "./job-queue.ts";

export async function enqueueDueSyncs(
  db: Db,
  queue: Pick<JobQueue, "enqueueSync">,
  options: { now?: Date; limit?: number; claimMs?: number } = {},
): Promise<string[]> {
  const now = options.now ?? new Date();
  const claimedUntil = new Date(now.getTime() + (options.claimMs ?? 60 * 60_000));
  const claimed = await db.kysely
    .updateTable("ib_links")
    .set({ next_sync_at: claimedUntil })
    .where(
      "id",
      "in",
      db.kysely
        .selectFrom("ib_links")
        .select("id")
        .where("next_sync_at", "<=", now)
        .where("status", "not in", [...STOPPED_LINK_STATUSES])
        .orderBy("next_sync_at")
        .limit(options.limit ?? 500)
        .modifyEnd(sql`for update skip locked`),
    )
    .returning("id")
    .execute();
  const ids = claimed.map((r) => r.id).sort();
  for (const id of ids) await queue.enqueueSync(id, { reason: "daily" });
  return ids;
}
