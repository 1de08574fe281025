// Second guard (after the queue's one-queued-job-per-link): no link is synced by two workers at once, in
// one process or many. A sync starts by claiming the link in a short transaction: the link row is locked
// (FOR UPDATE), and the claim succeeds only when no sync_runs row of that link is still `running` within its
// lease; the new `running` row is the claim. No connection or transaction is held during the sync itself —
// on the embedded database an open transaction would stall every other connection. The worker renews the
// lease while it syncs (sync-lease.ts); a worker that dies stops renewing, and once the lease has run out the
// next claim (or the recovery sweep, recover-abandoned-syncs.ts) marks its run abandoned.
import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import { SYNC_LEASE_MS } from "./sync-lease.ts";

export const ABANDONED_MESSAGE =
  "abandoned: the worker running this sync stopped before it finished; nothing of it was stored";

export async function claimSyncRun(
  db: Db,
  linkId: string,
  {
    startedAt,
    leaseMs = SYNC_LEASE_MS,
    attempt = 1,
    jobId = null,
  }: { startedAt: Date; leaseMs?: number; attempt?: number; jobId?: string | null },
): Promise<string | null> {
  return db.kysely.transaction().execute(async (tx) => {
    const link = await tx
      .selectFrom("ib_links")
      .select("id")
      .where("id", "=", linkId)
      .modifyEnd(sql`for update`)
      .executeTakeFirst();
    if (link === undefined) return null;
    const running = await tx
      .selectFrom("sync_runs")
      .select("id")
      .where("link_id", "=", linkId)
      .where("status", "=", "running")
      .where("lease_until", ">", startedAt)
      .executeTakeFirst();
    if (running !== undefined) return null;
    await tx
      .updateTable("sync_runs")
      .set({ status: "failed", message: ABANDONED_MESSAGE, finished_at: startedAt, lease_until: null })
      .where("link_id", "=", linkId)
      .where("status", "=", "running")
      .execute();
    const row = await tx
      .insertInto("sync_runs")
      .values({
        link_id: linkId,
        status: "running",
        attempts: attempt,
        ib_error_code: null,
        message: null,
        started_at: startedAt,
        finished_at: null,
        timings: null,
        lease_until: new Date(startedAt.getTime() + leaseMs),
        job_id: jobId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  });
}
