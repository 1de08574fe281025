// What `serve` and `worker` share: the database (embedded PGlite in-process, or PostgreSQL), the
// token cipher, the Flex client, the job queue and — when asked — the sync workers and the daily schedule.
// Cleanups run in reverse order of start, so the queue stops before the database it uses.
import { errorFields, type Logger } from "../api/logger.ts";
import { deleteExpiredSessions } from "../auth/sessions.ts";
import type { ServeConfig } from "../config/serve-config.ts";
import type { TokenCipher } from "../crypto/token-cipher.ts";
import { type Db, openPostgres } from "../db/database.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { openEmbeddedDatabase } from "../embedded/open-embedded-database.ts";
import { createFlexClient, type FlexClient } from "../flex-client/flex-client.ts";
import { enqueueDueSyncs } from "../queue/enqueue-due-syncs.ts";
import { createJobQueue, type JobQueue } from "../queue/job-queue.ts";
import { refreshStaleBooks } from "../sync/refresh-stale-books.ts";
import { createSyncJobHandler } from "../sync/sync-job-handler.ts";
import { SyncsInFlight } from "../sync/syncs-in-flight.ts";
import { openTokenCipher } from "./open-token-cipher.ts";
import { pruneOldRows } from "./prune-old-rows.ts";
import { startSyncRecovery } from "./start-sync-recovery.ts";
import { takeTokenKeyLock } from "./token-key-lock.ts";

export interface Runtime extends Store {
  readonly queue: JobQueue;
  /** Syncs this process is running (empty without a worker). */
  readonly syncsInFlight: SyncsInFlight;
  /** Closes the syncs in flight as released and queues them again for another worker; returns how many. */
  releaseSyncs(): Promise<number>;
}

export interface Store {
  readonly db: Db;
  readonly flexClient: FlexClient;
  readonly cipher: TokenCipher;
  /** Cap on each user's stored raw statements, gzip bytes (config). */
  readonly rawQuotaBytes: number;
  /** The migrations this start applied, oldest first (none when the database was up to date). */
  readonly migrationsApplied: readonly string[];
  /** Registers a step to run (first) on stop. */
  onStop(step: () => Promise<unknown>): void;
  stop(): Promise<void>;
}

/** pg-boss waits this long for running jobs, past the shutdown deadline that releases them first. */
export function queueStopTimeoutMs(config: Pick<ServeConfig, "shutdownTimeoutMs">): number {
  return config.shutdownTimeoutMs + 10_000;
}

/**
 * Database (migrated), token cipher (its key checked against the database) and Flex client: what every command
 * that touches stored data needs. `keyLock: "exclusive"` is for `closeout rotate-key` (token-key-lock.ts).
 */
export async function openStore(
  config: ServeConfig,
  logger: Logger,
  options: { keyLock?: "shared" | "exclusive" } = {},
): Promise<Store> {
  const cleanups: (() => Promise<unknown>)[] = [];
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      for (const fn of cleanups.reverse())
        await fn().catch((e) => logger.error("shutdown step failed", errorFields(e)));
    })();
    return stopping;
  };
  try {
    const timeouts = {
      idleTransactionTimeoutMs: config.idleTransactionTimeoutSeconds * 1000,
      statementTimeoutMs: config.statementTimeoutSeconds * 1000,
    };
    const db: Db = config.databaseUrl
      ? openPostgres(config.databaseUrl, {
          max: config.dbPoolMax,
          ...timeouts,
          onError: (error) => logger.warn("database connection error", errorFields(error)),
        })
      : await openEmbeddedDatabase(config.dataDir, {
          ...timeouts,
          warn: (msg, fields) => logger.warn(msg, fields),
        });
    cleanups.push(() => db.close());
    const migrated = await migrateToLatest(db);
    if (migrated.applied.length > 0) logger.info("database migrated", { applied: migrated.applied });
    if (config.databaseUrl) {
      const lock = await takeTokenKeyLock(config.databaseUrl, options.keyLock ?? "shared", (error) =>
        logger.warn("the token key lock's connection failed", errorFields(error)),
      );
      cleanups.push(() => lock.release());
    }
    const cipher = await openTokenCipher(db, config, logger);
    const flexClient = createFlexClient({
      ...(config.flexBaseUrl ? { baseUrl: config.flexBaseUrl } : {}),
      maxStatementBytes: config.flexMaxBytes,
    });
    const { rawQuotaBytes } = config;
    return {
      db,
      flexClient,
      cipher,
      rawQuotaBytes,
      migrationsApplied: migrated.applied,
      onStop: (step) => cleanups.push(step),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The store plus the job queue and, when asked, the sync workers and the daily schedule. */
export async function startRuntime(
  config: ServeConfig,
  logger: Logger,
  options: { runWorker: boolean; concurrency?: number },
): Promise<Runtime> {
  const store = await openStore(config, logger);
  try {
    const { db, flexClient, cipher } = store;
    const queue = await createJobQueue(db, {
      scheduleCron: options.runWorker ? undefined : null,
      maxConnections: config.queuePoolMax,
      onError: (error) => logger.warn("queue error", errorFields(error)),
    });
    store.onStop(() => queue.stop({ graceful: true, timeoutMs: queueStopTimeoutMs(config) }));
    const inFlight = new SyncsInFlight();
    const releaseSyncs = () =>
      inFlight.releaseAll(db, new Date(), ({ linkId, jobId }) => queue.releaseSync(linkId, jobId));
    if (options.runWorker) {
      const handler = createSyncJobHandler(
        {
          db,
          flexClient,
          cipher,
          inFlight,
          syncLeaseMs: config.syncLeaseMs,
          rawQuotaBytes: store.rawQuotaBytes,
        },
        {
          onOutcome: (o) =>
            logger.info("sync finished", {
              linkId: o.linkId,
              result: o.result,
              ...("ibErrorCode" in o ? { ibErrorCode: o.ibErrorCode } : {}),
            }),
        },
      );
      await queue.work(
        handler,
        options.concurrency === undefined ? {} : { concurrency: options.concurrency },
      );
      await queue.workSchedule(async () => {
        await enqueueDueSyncs(db, queue);
        // Expired sessions are refused already; the sweep only keeps the table from growing.
        await deleteExpiredSessions(db.kysely, new Date());
        await pruneOldRows(db, new Date());
      });
      const recovery = startSyncRecovery({ db, queue, inFlight, logger }, { leaseMs: config.syncLeaseMs });
      store.onStop(() => recovery.stop());
      // Books built by an older engine (after an upgrade of the trade rules) are rebuilt in the background.
      let stopped = false;
      const refresh = refreshStaleBooks(db, { shouldStop: () => stopped })
        .then((rebuilt) => {
          if (rebuilt > 0) logger.info("trade books rebuilt for the current rules", { rebuilt });
        })
        .catch((error) => logger.warn("rebuilding trade books failed", errorFields(error)));
      store.onStop(async () => {
        stopped = true;
        await refresh;
      });
    }
    return { ...store, queue, syncsInFlight: inFlight, releaseSyncs };
  } catch (error) {
    await store.stop();
    throw error;
  }
}
