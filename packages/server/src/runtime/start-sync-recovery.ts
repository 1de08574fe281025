// Every third of a lease, this worker looks for syncs whose worker died (lapsed lease) and queues them again,
// so another worker completes them within a lease plus a sweep instead of the queue's 15-minute expiry.
import { errorFields, type Logger } from "../api/logger.ts";
import type { Db } from "../db/database.ts";
import type { JobQueue } from "../queue/job-queue.ts";
import { recoverAbandonedSyncs } from "../sync/recover-abandoned-syncs.ts";
import { SYNC_LEASE_MS } from "../sync/sync-lease.ts";
import type { SyncsInFlight } from "../sync/syncs-in-flight.ts";

export function recoverySweepMs(leaseMs: number = SYNC_LEASE_MS): number {
  return Math.max(100, Math.floor(leaseMs / 3));
}

export function startSyncRecovery(
  deps: { db: Db; queue: Pick<JobQueue, "releaseSync">; inFlight: SyncsInFlight; logger: Logger },
  { leaseMs = SYNC_LEASE_MS }: { leaseMs?: number } = {},
): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const sweep = async () => {
    const recovered = await recoverAbandonedSyncs(deps.db, {
      now: new Date(),
      skipRunIds: deps.inFlight.runIds(),
      requeue: ({ linkId, jobId }) => deps.queue.releaseSync(linkId, jobId),
    });
    for (const sync of recovered)
      deps.logger.warn("sync abandoned by a stopped worker; queued again", {
        linkId: sync.linkId,
        runId: sync.runId,
      });
  };
  // A sweep still running (the database slow) makes the next tick a no-op rather than a queue of sweeps.
  const timer = setInterval(() => {
    running ??= sweep()
      .catch((error) => deps.logger.warn("sync recovery failed", errorFields(error)))
      .finally(() => {
        running = null;
      });
  }, recoverySweepMs(leaseMs));
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
