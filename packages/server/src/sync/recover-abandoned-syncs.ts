// The sweep that makes a dead worker's syncs run again: a `running` run whose lease has lapsed (its worker
// stopped renewing) is closed as abandoned and its link queued again, its old queue job cancelled. One UPDATE
// … RETURNING decides which process recovers a run, so two sweeping workers never queue it twice.
import type { Db } from "../db/database.ts";
import { ABANDONED_MESSAGE } from "./claim-sync-run.ts";

export interface AbandonedSync {
  readonly runId: string;
  readonly linkId: string;
  readonly jobId: string | null;
}

export async function recoverAbandonedSyncs(
  db: Db,
  {
    now,
    skipRunIds = [],
    requeue,
  }: {
    now: Date;
    /** Runs alive in this process (their renewal may only be waiting for a connection). */
    skipRunIds?: readonly string[];
    requeue: (sync: AbandonedSync) => Promise<void>;
  },
): Promise<AbandonedSync[]> {
  let query = db.kysely
    .updateTable("sync_runs")
    .set({ status: "failed", message: ABANDONED_MESSAGE, finished_at: now, lease_until: null })
    .where("status", "=", "running")
    .where("lease_until", "<", now);
  if (skipRunIds.length > 0) query = query.where("id", "not in", [...skipRunIds]);
  const rows = await query.returning(["id", "link_id", "job_id"]).execute();
  const recovered = rows.map((r) => ({ runId: r.id, linkId: r.link_id, jobId: r.job_id }));
  for (const sync of recovered) await requeue(sync);
  return recovered;
}
