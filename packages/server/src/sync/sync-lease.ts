// A running sync's hold on its link: lease_until on its sync_runs row, renewed every third of the lease while
// the sync runs. A worker that dies (kill -9, a lost machine) stops renewing, so another worker may take the
// link over once the lease has run out: a short lease bounds how long a dead worker's links wait.
import type { Db } from "../db/database.ts";

/** How long a sync holds its link without a renewal. */
export const SYNC_LEASE_MS = 30_000;

export interface SyncLease {
  readonly runId: string;
  readonly linkId: string;
  readonly jobId: string | null;
  /** True once the run is no longer this worker's (taken over after a lapse, or released at shutdown). */
  readonly lost: boolean;
  /** Aborted when the lease is lost, so the sync stops waiting on IB. */
  readonly signal: AbortSignal;
  /** Extends the lease now; false when it was lost. */
  renew(): Promise<boolean>;
  /** Marks the lease lost without touching the database (the caller has already released the run). */
  drop(): void;
  /** Stops renewing (the sync has finished). */
  end(): void;
}

export function holdSyncLease(
  db: Db,
  run: { runId: string; linkId: string; jobId: string | null },
  { leaseMs = SYNC_LEASE_MS, now = () => Date.now() }: { leaseMs?: number; now?: () => number } = {},
): SyncLease {
  let lost = false;
  let ended = false;
  const aborter = new AbortController();
  const lose = () => {
    lost = true;
    clearInterval(timer);
    aborter.abort(new Error("the sync's lease was lost"));
  };
  const renew = async (): Promise<boolean> => {
    if (lost || ended) return !lost;
    const result = await db.kysely
      .updateTable("sync_runs")
      .set({ lease_until: new Date(now() + leaseMs) })
      .where("id", "=", run.runId)
      .where("status", "=", "running")
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) lose();
    return !lost;
  };
  // A failed renewal (the database briefly away) is retried on the next tick; the lease covers two misses.
  // A tick whose previous renewal still waits (for a connection, behind a transaction) is skipped, so
  // renewals never pile up.
  let pending = false;
  const tick = () => {
    if (pending) return;
    pending = true;
    renew()
      .catch(() => {})
      .finally(() => {
        pending = false;
      });
  };
  const timer = setInterval(tick, Math.max(250, Math.floor(leaseMs / 3)));
  timer.unref();
  return {
    ...run,
    get lost() {
      return lost;
    },
    signal: aborter.signal,
    renew,
    drop: lose,
    end() {
      ended = true;
      clearInterval(timer);
    },
  };
}
