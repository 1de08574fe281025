// Adapts syncLink to the queue: a transient failure throws so pg-boss retries it with backoff; IB's 1018
// returns a pause so the job is queued again after it; everything else completes the job (its outcome is on
// the link and in sync_runs).
import type { SyncJob, SyncJobHandler } from "../queue/job-queue.ts";
import { type SyncDeps, type SyncOutcome, syncLink } from "./sync-link.ts";

export class SyncRetryError extends Error {
  override readonly name = "SyncRetryError";
}

export function createSyncJobHandler(
  deps: SyncDeps,
  options: { onOutcome?: (outcome: SyncOutcome, job: SyncJob) => void } = {},
): SyncJobHandler {
  return async (job) => {
    const outcome = await syncLink(deps, job.linkId, {
      attempt: job.attempt,
      lastAttempt: job.lastAttempt,
      jobId: job.jobId,
    });
    options.onOutcome?.(outcome, job);
    if (outcome.result !== "retry") return undefined;
    if (outcome.retryAfterMs !== null) return { retryAfterMs: outcome.retryAfterMs };
    throw new SyncRetryError(outcome.message);
  };
}
