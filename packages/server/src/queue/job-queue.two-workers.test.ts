// Two workers (two pg-boss instances, as two processes would have) on one queue: every link is synced, none by
// two workers at once, and no execution is stored twice — on the embedded database (PGlite in-process on a
// data dir, pg-boss through its `db` adapter on the session Kysely uses) and, with CLOSEOUT_TEST_PG=1, on
// PostgreSQL.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FlexSim } from "@closeout/flex-sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, openPostgres } from "../db/database.ts";
import { findLink } from "../db/links-repository.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { openEmbeddedDatabase } from "../embedded/open-embedded-database.ts";
import { createSyncJobHandler } from "../sync/sync-job-handler.ts";
import type { SyncDeps } from "../sync/sync-link.ts";
import {
  countRows,
  createLinkedUser,
  smallQuery,
  startTestFlexSim,
  testCipher,
  testFlexClient,
} from "../sync/sync-test-kit.ts";
import {
  createTestPostgresDatabase,
  postgresTestsEnabled,
  releaseTestPostgres,
} from "../test-support/test-database.ts";
import { enqueueDueSyncs } from "./enqueue-due-syncs.ts";
import { createJobQueue, type JobQueue, type SyncJob } from "./job-queue.ts";

interface Backend {
  readonly db: Db;
  stop(): Promise<void>;
}

const backends: [string, () => Promise<Backend>][] = [
  [
    "embedded",
    async () => {
      const dir = await mkdtemp(join(tmpdir(), "closeout-queue-"));
      const db = await openEmbeddedDatabase(dir);
      return {
        db,
        stop: async () => {
          await db.close();
          await rm(dir, { recursive: true, force: true });
        },
      };
    },
  ],
];
if (postgresTestsEnabled()) {
  backends.push([
    "postgres",
    async () => {
      const { url, drop } = await createTestPostgresDatabase();
      const db = openPostgres(url, { max: 6 });
      return {
        db,
        stop: async () => {
          await db.close();
          await drop();
        },
      };
    },
  ]);
}

const cipher = testCipher();
let sim: FlexSim;
beforeAll(async () => {
  sim = await startTestFlexSim(31);
});
afterAll(async () => {
  await sim.close();
  await releaseTestPostgres();
});

describe.each(backends)("job queue on %s", (_name, start) => {
  let backend: Backend;
  let db: Db;
  const queues: JobQueue[] = [];
  beforeAll(async () => {
    backend = await start();
    db = backend.db;
    await migrateToLatest(db);
  });
  afterAll(async () => {
    for (const q of queues) await q.stop({ graceful: false });
    await backend.stop();
  });

  const newQueue = async () => {
    const queue = await createJobQueue(db, {
      pollingIntervalSeconds: 0.5,
      retryDelaySeconds: 1,
      retryBackoff: true,
      retryLimit: 3,
      scheduleCron: null,
      maxConnections: 4,
    });
    queues.push(queue);
    return queue;
  };

  it("two workers sync every link once per request and never one link twice at once", async () => {
    const links = [];
    for (let i = 0; i < 6; i++) {
      links.push(
        await createLinkedUser(db, sim, cipher, {
          query: smallQuery(`U9${_name === "embedded" ? 1 : 2}0000${i}`, { executions: 20 }),
          // Slow syncs (IB "generating" for a few polls) so that overlaps would show; one link fails once.
          sim: { pollsBeforeReady: 3, ...(i === 0 ? { faults: [{ kind: "http-500", times: 1 }] } : {}) },
        }),
      );
    }
    const [producer, other] = [await newQueue(), await newQueue()];
    // Each link asked for several times: the queue keeps one queued job per link.
    const sent: (string | null)[] = [];
    for (const l of links)
      for (let k = 0; k < 3; k++) sent.push(await producer.enqueueSync(l.linkId, { reason: "manual" }));
    expect(sent.filter((id) => id !== null)).toHaveLength(links.length);

    const running = new Map<string, string>();
    const overlaps: string[] = [];
    const done = new Map<string, number>();
    const deps: SyncDeps = {
      db,
      cipher,
      flexClient: testFlexClient(sim, { pollDelaysMs: [40] }),
    };
    const handlerFor = (worker: string) => {
      const inner = createSyncJobHandler(deps, {
        onOutcome: (outcome) => {
          if (outcome.result === "imported") done.set(outcome.linkId, (done.get(outcome.linkId) ?? 0) + 1);
        },
      });
      return async (job: SyncJob) => {
        const holder = running.get(job.linkId);
        if (holder !== undefined) overlaps.push(`${job.linkId} in ${holder} and ${worker}`);
        running.set(job.linkId, worker);
        try {
          return await inner(job);
        } finally {
          running.delete(job.linkId);
        }
      };
    };
    await producer.work(handlerFor("A"), { concurrency: 3 });
    await other.work(handlerFor("B"), { concurrency: 3 });

    const deadline = Date.now() + 40_000;
    while (done.size < links.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(overlaps).toEqual([]);
    expect([...done.keys()].sort()).toEqual(links.map((l) => l.linkId).sort());
    expect([...done.values()].every((n) => n === 1)).toBe(true);
    const counts = await countRows(db);
    expect(counts.executions).toBe(counts.distinctExecutionKeys);
    for (const l of links) expect((await findLink(db.kysely, l.linkId))?.status).toBe("active");
  });

  it("the schedule tick queues each due link once, even from two schedulers", async () => {
    const queue = await newQueue();
    const due = await createLinkedUser(db, sim, cipher, { query: smallQuery(`U95${_name.length}0001`) });
    const stopped = await createLinkedUser(db, sim, cipher, { query: smallQuery(`U95${_name.length}0002`) });
    const past = new Date(Date.now() - 60_000);
    await db.kysely
      .updateTable("ib_links")
      .set({ next_sync_at: past })
      .where("id", "in", [due.linkId, stopped.linkId])
      .execute();
    await db.kysely
      .updateTable("ib_links")
      .set({ status: "token-expired" })
      .where("id", "=", stopped.linkId)
      .execute();
    const [a, b] = await Promise.all([enqueueDueSyncs(db, queue), enqueueDueSyncs(db, queue)]);
    expect([...a, ...b].filter((id) => id === due.linkId)).toHaveLength(1);
    expect([...a, ...b]).not.toContain(stopped.linkId);
    expect(await enqueueDueSyncs(db, queue)).not.toContain(due.linkId);
  });
});
