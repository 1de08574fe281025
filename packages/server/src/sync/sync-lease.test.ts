// Sync leases on a real clock shortened by configuration: a running sync renews its hold on the link for as
// long as it runs; a hold nobody renews (a worker killed mid-sync) lapses, the recovery sweep closes it
// exactly once and hands the link back to the queue; a hurried shutdown releases the syncs in flight at
// once. On PGlite and PostgreSQL. (Two real worker processes and kill -9: sync-link.worker-killed.test.ts.)
import type { FlexSim } from "@closeout/flex-sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db, DbKind } from "../db/database.ts";
import { listSyncRuns } from "../db/sync-runs-repository.ts";
import { createTestDb, DB_KINDS, dbKindEnabled, releaseTestPostgres } from "../test-support/test-database.ts";
import { claimSyncRun } from "./claim-sync-run.ts";
import { type AbandonedSync, recoverAbandonedSyncs } from "./recover-abandoned-syncs.ts";
import { syncLink } from "./sync-link.ts";
import {
  countRows,
  createLinkedUser,
  smallQuery,
  startTestFlexSim,
  testCipher,
  testFlexClient,
} from "./sync-test-kit.ts";
import { SyncsInFlight } from "./syncs-in-flight.ts";

const LEASE_MS = 1_500;
const cipher = testCipher();
let sim: FlexSim;
let seq = 0;
const nextAccount = () => `U83${String(++seq).padStart(5, "0")}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  sim = await startTestFlexSim(23);
});
afterAll(async () => {
  await sim.close();
  await releaseTestPostgres();
});

describe.each(DB_KINDS.filter(dbKindEnabled))("sync leases on %s", (kind: DbKind) => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb(kind);
  });
  afterAll(async () => {
    await db.close();
  });

  const leaseOf = async (linkId: string) =>
    (
      await db.kysely
        .selectFrom("sync_runs")
        .select(["lease_until", "status"])
        .where("link_id", "=", linkId)
        .orderBy("started_at", "desc")
        .executeTakeFirstOrThrow()
    ).lease_until;

  it("a sync that runs for several leases keeps renewing its hold and finishes", async () => {
    // IB "generating" for 12 polls 400 ms apart: the sync lasts about three leases.
    const { linkId, userId } = await createLinkedUser(db, sim, cipher, {
      query: smallQuery(nextAccount()),
      sim: { pollsBeforeReady: 12 },
    });
    const deps = {
      db,
      cipher,
      flexClient: testFlexClient(sim, { pollDelaysMs: [400], maxPolls: 30 }),
      syncLeaseMs: LEASE_MS,
    };
    const started = Date.now();
    let fetching = true;
    const sync = syncLink(deps, linkId, {
      onProgress: (p) => {
        if (p.phase === "parsing") fetching = false;
      },
    }).finally(() => {
      fetching = false;
    });
    const seen: number[] = [];
    // While IB generates (several leases long), the hold keeps moving and no sweep may take it. (During the
    // import, PGlite's one connection is the import's, so renewals wait: the runtime never sweeps its own runs.)
    while (fetching) {
      const lease = await db.kysely
        .selectFrom("sync_runs")
        .select("lease_until")
        .where("link_id", "=", linkId)
        .where("status", "=", "running")
        .executeTakeFirst();
      if (lease?.lease_until) seen.push(lease.lease_until.getTime());
      if (!fetching) break;
      expect(await recoverAbandonedSyncs(db, { now: new Date(), requeue: async () => {} })).toEqual([]);
      await sleep(100);
    }
    expect((await sync).result).toBe("imported");
    expect(Date.now() - started).toBeGreaterThan(2 * LEASE_MS);
    // Renewed: the hold moved forward well past the first lease.
    expect(Math.max(...seen) - Math.min(...seen)).toBeGreaterThan(LEASE_MS);
    expect((await countRows(db, userId)).executions).toBeGreaterThan(0);
  });

  it("a hold nobody renews lapses; the sweep closes it once and queues the link with its old job", async () => {
    const { linkId, userId } = await createLinkedUser(db, sim, cipher, { query: smallQuery(nextAccount()) });
    // A worker claims the link and dies at once (kill -9): nothing renews its lease.
    const deadRun = await claimSyncRun(db, linkId, {
      startedAt: new Date(),
      leaseMs: LEASE_MS,
      jobId: "job-of-dead",
    });
    expect(deadRun).not.toBeNull();
    const deps = { db, cipher, flexClient: testFlexClient(sim), syncLeaseMs: LEASE_MS };
    const requeued: AbandonedSync[] = [];
    const requeue = async (s: AbandonedSync) => {
      requeued.push(s);
    };
    // Within the lease, the link is held: another worker's sync is "busy" and the sweep finds nothing.
    expect((await syncLink(deps, linkId)).result).toBe("busy");
    expect(await recoverAbandonedSyncs(db, { now: new Date(), requeue })).toEqual([]);
    // A run that this process holds is never swept, even past its lease.
    await sleep(LEASE_MS + 100);
    expect(await recoverAbandonedSyncs(db, { now: new Date(), requeue, skipRunIds: [deadRun!] })).toEqual([]);
    // Two sweeps at once (two workers): the run is recovered exactly once.
    const [a, b] = await Promise.all([
      recoverAbandonedSyncs(db, { now: new Date(), requeue }),
      recoverAbandonedSyncs(db, { now: new Date(), requeue }),
    ]);
    expect([...a, ...b]).toEqual([{ runId: deadRun, linkId, jobId: "job-of-dead" }]);
    expect(requeued).toEqual([{ runId: deadRun, linkId, jobId: "job-of-dead" }]);
    const [run] = await listSyncRuns(db.kysely, linkId);
    expect(run).toMatchObject({ status: "failed" });
    expect(run!.message).toMatch(/^abandoned/);
    expect(await leaseOf(linkId)).toBeNull();
    // The queued sync can now run.
    expect((await syncLink(deps, linkId)).result).toBe("imported");
    expect((await countRows(db, userId)).executions).toBeGreaterThan(0);
  });

  it("a hurried shutdown releases a sync in flight at once: closed, nothing stored, link handed back", async () => {
    const { linkId, userId } = await createLinkedUser(db, sim, cipher, {
      query: smallQuery(nextAccount()),
      // IB generates for ~20 s: without the release the sync would still be waiting.
      sim: { pollsBeforeReady: 40 },
    });
    const inFlight = new SyncsInFlight();
    const deps = {
      db,
      cipher,
      flexClient: testFlexClient(sim, { pollDelaysMs: [500], maxPolls: 60 }),
      inFlight,
    };
    const sync = syncLink(deps, linkId, { jobId: "job-in-flight" });
    while (inFlight.size === 0) await sleep(20);
    const t0 = performance.now();
    const requeued: { linkId: string; jobId: string | null }[] = [];
    const released = await inFlight.releaseAll(db, new Date(), async (run) => {
      requeued.push(run);
    });
    expect(released).toBe(1);
    expect(requeued).toEqual([{ linkId, jobId: "job-in-flight" }]);
    expect((await sync).result).toBe("busy");
    // The sync stopped waiting on IB as soon as it was released (its poll interval is 500 ms, IB needs ~20 s).
    expect(performance.now() - t0).toBeLessThan(5_000);
    const [run] = await listSyncRuns(db.kysely, linkId);
    expect(run).toMatchObject({ status: "failed" });
    expect(run!.message).toMatch(/^released/);
    expect(await leaseOf(linkId)).toBeNull();
    expect((await countRows(db, userId)).executions).toBe(0);
    expect(inFlight.size).toBe(0);
  });
});
