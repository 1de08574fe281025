// The sync queue: a thin wrapper over pg-boss 10 (ADR 0005). The same code runs on PostgreSQL (any number of
// worker processes) and on the embedded PGlite in-process, where pg-boss's statements take turns on the one
// session Kysely uses (its `db` option, db/pglite-queue-db.ts; ADR 0010).
// - One queued job per link: the queue policy "short" keeps at most one *created* job per singletonKey
//   (= link id), so "sync now" pressed five times queues one sync. "stately" would also cap active jobs, but
//   pg-boss 10 then fails the whole fetch while a link's second job waits, stalling every other link behind it.
// - Never two syncs of one link at once: the sync itself claims the link first (sync/claim-sync-run.ts).
// - Transient failures: the handler throws and pg-boss retries with exponential backoff (retryLimit,
//   retryDelay, retryBackoff).
// - A worker that dies mid-job: pg-boss 10 has no heartbeat, so its job stays active until expireIn. The sync's
//   own short lease finds it sooner: the recovery sweep (sync/recover-abandoned-syncs.ts) calls
//   releaseSync, which cancels that job and queues the link again at once. expireIn stays as the backstop.
// - IB's 1018 asks for a pause of a minute or more, longer than a backoff step: the handler returns
//   { retryAfterMs } and the job is completed and queued again to start after that pause.
import PgBoss from "pg-boss";
import type { Db } from "../db/database.ts";

export const SYNC_QUEUE = "closeout-sync-link";
export const SCHEDULE_QUEUE = "closeout-schedule-due-syncs";
/** How often idle workers look for jobs, by default. */
export const DEFAULT_POLLING_INTERVAL_SECONDS = 2;

export type SyncReason = "daily" | "manual" | "link" | "recovery";

export interface SyncJobData {
  readonly linkId: string;
  readonly reason: SyncReason;
  /** How many times this sync was already put back after IB's "too many requests" (1018). */
  readonly throttleRetries?: number;
}

export interface SyncJob extends SyncJobData {
  readonly jobId: string;
  /** 1 for the first try, 2 for the first retry, … */
  readonly attempt: number;
  /** True when pg-boss will not retry this job again after a failure. */
  readonly lastAttempt: boolean;
}

export interface SyncJobResult {
  /** Queue the sync again to start after this pause (IB throttling). */
  readonly retryAfterMs?: number;
}

export type SyncJobHandler = (job: SyncJob) => Promise<SyncJobResult | undefined>;

export interface JobQueueOptions {
  /** pg-boss's schema (default "pgboss"). */
  readonly schema?: string;
  /** Retries after the first try for transient failures (default 5). */
  readonly retryLimit?: number;
  /** Seconds before the first retry; doubled each time with retryBackoff (default 60). */
  readonly retryDelaySeconds?: number;
  readonly retryBackoff?: boolean;
  /** A job active for longer is considered lost (crashed worker) and retried (default 15 min). */
  readonly expireInSeconds?: number;
  /** How often idle workers look for jobs (default 2 s; pg-boss's minimum is 0.5 s). */
  readonly pollingIntervalSeconds?: number;
  /** How often pg-boss fails expired jobs (default 60 s). */
  readonly maintenanceIntervalSeconds?: number;
  /** Cron for the "enqueue due syncs" tick (default every 5 minutes); null: no schedule from this process. */
  readonly scheduleCron?: string | null;
  /** Re-queues after 1018 before the sync is left for the next daily run (default 5). */
  readonly maxThrottleRetries?: number;
  /** pg-boss's connection pool size on PostgreSQL (default 10); PGlite has one session, shared with Kysely. */
  readonly maxConnections?: number;
  /** Called with errors pg-boss reports in the background (default: ignored). */
  readonly onError?: (error: Error) => void;
}

export interface JobQueue {
  /** Queues a sync of the link unless one is already queued; returns the job id, or null when deduplicated. */
  enqueueSync(
    linkId: string,
    options: { reason: SyncReason; startAfterSeconds?: number; throttleRetries?: number },
  ): Promise<string | null>;
  /** Cancels the job of a sync that was released or abandoned (if any) and queues its link again at once. */
  releaseSync(linkId: string, jobId: string | null): Promise<void>;
  /** Runs `concurrency` sync jobs at a time in this process until stop(). */
  work(handler: SyncJobHandler, options?: { concurrency?: number }): Promise<void>;
  /** Runs `tick` for every scheduled "enqueue due syncs" job (any process may run it; one per tick does). */
  workSchedule(tick: () => Promise<void>): Promise<void>;
  /** Jobs of the sync queue that are queued or running (for tests and status pages). */
  pendingSyncs(): Promise<number>;
  /** graceful: waits up to timeoutMs (default 30 s) for running jobs; those still running are then failed. */
  stop(options?: { graceful?: boolean; timeoutMs?: number }): Promise<void>;
}

export async function createJobQueue(db: Db, options: JobQueueOptions = {}): Promise<JobQueue> {
  const retryLimit = options.retryLimit ?? 5;
  const retryDelay = options.retryDelaySeconds ?? 60;
  const retryBackoff = options.retryBackoff ?? true;
  const expireInSeconds = options.expireInSeconds ?? 15 * 60;
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? DEFAULT_POLLING_INTERVAL_SECONDS;
  const maxThrottleRetries = options.maxThrottleRetries ?? 5;
  const scheduleCron = options.scheduleCron === undefined ? "*/5 * * * *" : options.scheduleCron;

  const onError = options.onError ?? (() => {});
  // Given a `db`, pg-boss opens no pool of its own (and never a connection to the embedded database).
  const queueDb = db.openQueueDb({ max: options.maxConnections ?? 10, onError });
  const boss = new PgBoss({
    db: queueDb,
    schema: options.schema ?? "pgboss",
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
    schedule: scheduleCron !== null,
  });
  boss.on("error", onError);
  try {
    await boss.start();
    // Idempotent: several processes may create the same queues at start.
    await boss.createQueue(SYNC_QUEUE, {
      name: SYNC_QUEUE,
      policy: "short",
      retryLimit,
      retryDelay,
      retryBackoff,
      expireInSeconds,
    });
    await boss.updateQueue(SYNC_QUEUE, {
      name: SYNC_QUEUE,
      policy: "short",
      retryLimit,
      retryDelay,
      retryBackoff,
      expireInSeconds,
    });
    await boss.createQueue(SCHEDULE_QUEUE, {
      name: SCHEDULE_QUEUE,
      policy: "short",
      retryLimit: 0,
      expireInSeconds: 600,
    });
    if (scheduleCron !== null) {
      await boss.schedule(SCHEDULE_QUEUE, scheduleCron, {}, { tz: "UTC", singletonKey: "tick" });
    }
  } catch (error) {
    await boss.stop({ graceful: false }).catch(() => {});
    await queueDb.close().catch(() => {});
    throw error;
  }

  async function enqueueSync(
    linkId: string,
    {
      reason,
      startAfterSeconds,
      throttleRetries,
    }: { reason: SyncReason; startAfterSeconds?: number; throttleRetries?: number },
  ): Promise<string | null> {
    const data: SyncJobData = { linkId, reason, ...(throttleRetries ? { throttleRetries } : {}) };
    return boss.send(SYNC_QUEUE, data, {
      singletonKey: linkId,
      ...(startAfterSeconds !== undefined && startAfterSeconds > 0
        ? { startAfter: Math.ceil(startAfterSeconds) }
        : {}),
    });
  }

  return {
    enqueueSync,

    async releaseSync(linkId, jobId) {
      if (jobId !== null) await boss.cancel(SYNC_QUEUE, jobId);
      await enqueueSync(linkId, { reason: "recovery" });
    },

    async work(handler, { concurrency = 1 } = {}) {
      // One pg-boss worker per slot, each fetching one job: a failure then fails only its own job.
      for (let slot = 0; slot < Math.max(1, concurrency); slot++) {
        await boss.work<SyncJobData>(
          SYNC_QUEUE,
          { batchSize: 1, includeMetadata: true, pollingIntervalSeconds },
          async (jobs) => {
            for (const job of jobs) {
              const result = await handler({
                ...job.data,
                jobId: job.id,
                attempt: job.retryCount + 1,
                lastAttempt: job.retryCount >= job.retryLimit,
              });
              const throttled = job.data.throttleRetries ?? 0;
              if (result?.retryAfterMs !== undefined && throttled < maxThrottleRetries) {
                await enqueueSync(job.data.linkId, {
                  reason: job.data.reason,
                  startAfterSeconds: result.retryAfterMs / 1000,
                  throttleRetries: throttled + 1,
                });
              }
            }
          },
        );
      }
    },

    async workSchedule(tick) {
      await boss.work(SCHEDULE_QUEUE, { batchSize: 1, pollingIntervalSeconds }, async () => {
        await tick();
      });
    },

    async pendingSyncs() {
      return boss.getQueueSize(SYNC_QUEUE, { before: "completed" });
    },

    async stop({ graceful = true, timeoutMs = 30_000 } = {}) {
      await boss.stop({ graceful, wait: true, timeout: graceful ? timeoutMs : 1_000 });
      await queueDb.close();
    },
  };
}
