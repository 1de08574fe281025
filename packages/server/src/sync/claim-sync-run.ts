// Second guard (after the queue's one-queued-job-per-link): no link is synced by two workers at once, in
// one process or many. A sync starts by claiming the link in a short transaction: the link row is locked
// (FOR UPDATE), and the claim succeeds only when no sync_runs row of that link is still `running` within the
// lease; the new `running` row is the claim. No connection or transaction is held during the sync itself —
// on the embedded database an open transaction would stall every other connection. A worker that dies leaves
// its run `running`; after the lease (the queue's expireIn) the next claim marks it abandoned and proceeds.
import { sql } from "kysely";
import type { Db } from "../db/database.ts";

export const DEFAULT_SYNC_LEASE_MS = 15 * 60_000;

export async function claimSyncRun(
  db: Db,
  linkId: string,
  {
    startedAt,
    leaseMs = DEFAULT_SYNC_LEASE_MS,
    attempt = 1,
  }: { startedAt: Date; leaseMs?: number; attempt?: number },
): Promise<string | null> {
  return db.kysely.transaction().execute(async (tx) => {
    const link = await tx
      .selectFrom("ib_links")
      .select("id")
      .where("id", "=", linkId)
      .modifyEnd(sql`for update`)
      .executeTakeFirst();
    if (link === undefined) return null;
    const leaseStart = new Date(startedAt.getTime() - leaseMs);
    const running = await tx
      .selectFrom("sync_runs")
      .select("id")
      .where("link_id", "=", linkId)
      .where("status", "=", "running")
      .where("started_at", ">", leaseStart)
      .executeTakeFirst();
    if (running !== undefined) return null;
    await tx
      .updateTable("sync_runs")
      .set({
        status: "failed",
        message:
          "abandoned: the worker running this sync stopped before it finished; nothing of it was stored",
        finished_at: startedAt,
      })
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
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  });
}
