// The syncs this process is running, so that a shutdown that cannot wait for them (a second signal, or the
// shutdown deadline) releases them at once: their runs are closed and their leases freed, and the caller puts
// their links back on the queue for another worker. The recovery sweep skips them (they are alive here).
import type { Db } from "../db/database.ts";
import type { SyncLease } from "./sync-lease.ts";

export const RELEASED_MESSAGE =
  "released: the worker running this sync was stopped before it finished; nothing of it was stored, and the sync was queued again";

export class SyncsInFlight {
  readonly #leases = new Map<string, SyncLease>();

  add(lease: SyncLease): void {
    this.#leases.set(lease.runId, lease);
  }

  delete(runId: string): void {
    this.#leases.delete(runId);
  }

  get size(): number {
    return this.#leases.size;
  }

  runIds(): string[] {
    return [...this.#leases.keys()];
  }

  /**
   * Closes every run in flight as released and hands each link to `requeue` (which queues it again) before the
   * syncs are told to stop: a sync that stops lets its queue job end, and the queue may close right after.
   */
  async releaseAll(
    db: Db,
    now: Date,
    requeue: (run: { linkId: string; jobId: string | null }) => Promise<void>,
  ): Promise<number> {
    const leases = [...this.#leases.values()];
    this.#leases.clear();
    try {
      if (leases.length === 0) return 0;
      const rows = await db.kysely
        .updateTable("sync_runs")
        .set({ status: "failed", message: RELEASED_MESSAGE, finished_at: now, lease_until: null })
        .where(
          "id",
          "in",
          leases.map((l) => l.runId),
        )
        .where("status", "=", "running")
        .returning(["link_id", "job_id"])
        .execute();
      for (const r of rows) await requeue({ linkId: r.link_id, jobId: r.job_id });
      return rows.length;
    } finally {
      for (const lease of leases) lease.drop();
    }
  }
}
