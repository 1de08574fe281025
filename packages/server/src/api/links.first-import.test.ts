// A new link's first import runs in the queue, not in the web request (issue #14): the request checks the
// query with a live pull and answers; a pg-boss worker imports the kept statement under the sync lease, and
// GET /api/links/:id/import shows its progress. IB is flex-sim over real HTTP on loopback; the queue is
// pg-boss on the same database (PGlite in-process, or PostgreSQL with CLOSEOUT_TEST_PG=1).
import type { FlexSim, FlexSimToken } from "@closeout/flex-sim";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJobQueue, type JobQueue } from "../queue/job-queue.ts";
import { createSyncJobHandler } from "../sync/sync-job-handler.ts";
import {
  countRows,
  smallQuery,
  startTestFlexSim,
  testCipher,
  testFlexClient,
} from "../sync/sync-test-kit.ts";
import { DB_KINDS, dbKindEnabled, releaseTestPostgres } from "../test-support/test-database.ts";
import { createTestApp, signUp, type TestApp, type TestClient } from "./api-test-support.ts";

let sim: FlexSim;
let n = 0;
beforeAll(async () => {
  sim = await startTestFlexSim(23);
});
afterAll(async () => {
  await sim.close();
  await releaseTestPostgres();
});

/** A token and query registered in flex-sim; the token has a marker no answer may ever carry. */
function register(
  config: Omit<FlexSimToken, "queries">,
  query = smallQuery(`U55${String(++n).padStart(5, "0")}`, { executions: 40 }),
) {
  const token = `Secret${n}Token${"7".repeat(14)}`;
  const queryId = String(810_000 + n);
  sim.registry.addToken(token, { ...config, queries: { [queryId]: query } });
  return { token, queryId };
}

type Progress = { state: string; [key: string]: unknown };

/** Polls the import's progress until it is done or failed; returns every state seen and the last answer. */
async function follow(client: TestClient, linkId: string): Promise<{ seen: string[]; last: Progress }> {
  const seen: string[] = [];
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await client.get(`/api/links/${linkId}/import`);
    expect(res.status).toBe(200);
    const last = res.json.import as Progress;
    if (seen.at(-1) !== last.state) seen.push(last.state);
    if (last.state === "done" || last.state === "failed") return { seen, last };
    if (Date.now() > deadline) throw new Error(`import still ${last.state} after 60 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(DB_KINDS)("a link's first import as a queued job on %s", (kind) => {
  const test = it.skipIf(!dbKindEnabled(kind));
  let t: TestApp;
  let queue: JobQueue;
  const cipher = testCipher();

  beforeAll(async () => {
    if (!dbKindEnabled(kind)) return;
    const flexClient = testFlexClient(sim);
    let q: JobQueue | null = null;
    t = await createTestApp(kind, {
      flexClient,
      cipher,
      enqueueSync: async (linkId, reason) => {
        await q?.enqueueSync(linkId, { reason });
      },
    });
    queue = await createJobQueue(t.db, {
      schema: "pgboss",
      retryDelaySeconds: 1,
      retryBackoff: false,
      retryLimit: 3,
      pollingIntervalSeconds: 0.5,
      scheduleCron: null,
    });
    q = queue;
    await queue.work(createSyncJobHandler({ db: t.db, flexClient, cipher }), { concurrency: 2 });
  }, 120_000);
  afterAll(async () => {
    if (!dbKindEnabled(kind)) return;
    await queue.stop({ graceful: false });
    await t.close();
  });

  test("the request checks and answers; the job imports the kept statement without pulling it again", async () => {
    const { token, queryId } = register({});
    const { client, user } = await signUp(t);
    const res = await client.post("/api/links", { token, queryId });
    expect(res.status).toBe(201);
    expect(res.json.check.ok).toBe(true);
    expect(res.json.accounts.length).toBe(1);
    expect(res.json.import).toMatchObject({ state: "queued", executionsAdded: null });
    expect(res.json.import.statementExecutions).toBeGreaterThan(0);
    expect(res.text).not.toContain(token);

    const linkId = res.json.link.id as string;
    const { seen, last } = await follow(client, linkId);
    expect(seen.at(-1)).toBe("done");
    expect(seen).not.toContain("pulling");
    const rows = await countRows(t.db, user.id);
    expect(last).toMatchObject({
      executionsAdded: rows.executions,
      executionsExisting: 0,
      trades: rows.trades,
    });
    expect(rows.executions).toBeGreaterThan(0);
    expect(rows.trades).toBeGreaterThan(0);
    // One SendRequest: the link request's. The job imported what that pull brought.
    expect(sim.registry.requestCounts(token).sendRequest).toBe(1);
    // The job took the sync lease like any sync: one run, succeeded, no lease left behind.
    const runs = await t.db.kysely
      .selectFrom("sync_runs")
      .selectAll()
      .where("link_id", "=", linkId)
      .execute();
    expect(runs.map((r) => r.status)).toEqual(["succeeded"]);
    expect(runs[0]!.lease_until).not.toBeNull();
    // The kept statement is gone once imported; the raw statement store has it now.
    const kept = await t.db.kysely
      .selectFrom("link_imports")
      .select("statement_gzip")
      .where("link_id", "=", linkId)
      .executeTakeFirstOrThrow();
    expect(kept.statement_gzip).toBeNull();
    const link = (await client.get("/api/links")).json.links[0];
    expect(link.status).toBe("active");
    expect((await client.get("/api/trades?limit=5")).json.trades.length).toBe(5);
    // No job carries the token.
    const { rows: jobs } = await sql<{ data: unknown }>`select data from pgboss.job`.execute(t.db.kysely);
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) expect(JSON.stringify(job.data)).not.toContain(token);
  });

  test("IB busy at link time: the link is saved and the queue pulls, checks and imports when IB answers", async () => {
    // 1009 on the link's own pull and on the job's first try; the queue's second try gets the statement.
    const { token, queryId } = register({
      faults: [{ kind: "heavy-load", times: 2, endpoint: "SendRequest" }],
    });
    const { client } = await signUp(t);
    const res = await client.post("/api/links", { token, queryId });
    expect(res.status).toBe(201);
    expect(res.json.check).toBeNull();
    expect(res.json.import.state).toBe("queued");
    expect(res.json.import.message).toMatch(
      /IB did not answer the test pull .*keeps trying in the background/,
    );
    expect(res.json.import.message).not.toContain("try again later");
    const { seen, last } = await follow(client, res.json.link.id);
    expect(seen).toContain("retrying");
    expect(seen.at(-1)).toBe("done");
    expect(last.attempts).toBe(2);
    expect(last.executionsAdded).toBeGreaterThan(0);
    expect(sim.registry.requestCounts(token).sendRequest).toBe(3);
  });

  test("IB busy at link time and the query then lacks a section: the job fails it with check-query's words", async () => {
    const { token, queryId } = register(
      { faults: [{ kind: "heavy-load", times: 1, endpoint: "SendRequest" }] },
      smallQuery("U5599999", { executions: 20, omitSections: ["OpenPositions"] }),
    );
    const { client, user } = await signUp(t);
    const res = await client.post("/api/links", { token, queryId });
    expect(res.status).toBe(201);
    const { last } = await follow(client, res.json.link.id);
    expect(last.state).toBe("failed");
    expect(last.message).toContain('The query lacks the section "Open Positions"');
    const link = (await client.get("/api/links")).json.links[0];
    expect(link.status).toBe("query-invalid");
    expect((await countRows(t.db, user.id)).executions).toBe(0);
  });

  test("a token IB refuses, or a query lacking a section, is refused by the request itself: nothing stored, nothing queued", async () => {
    const expired = register({ expired: true });
    const { client, user } = await signUp(t);
    const before = t.enqueued.length;
    const refused = await client.post("/api/links", expired);
    expect(refused.status).toBe(422);
    expect(refused.json.error.code).toBe("flex-link-failed");
    const incomplete = register(
      {},
      smallQuery("U5588888", { executions: 10, omitSections: ["OpenPositions"] }),
    );
    const lacking = await client.post("/api/links", incomplete);
    expect(lacking.status).toBe(422);
    expect(lacking.json.error.check.missingSections).toEqual(["OpenPositions"]);
    expect(t.enqueued.length).toBe(before);
    const links = await t.db.kysely
      .selectFrom("ib_links")
      .select("id")
      .where("user_id", "=", user.id)
      .execute();
    expect(links).toEqual([]);
  });

  test("another user's link import is not theirs to see", async () => {
    const { token, queryId } = register({});
    const { client } = await signUp(t);
    const res = await client.post("/api/links", { token, queryId });
    const other = await signUp(t);
    expect((await other.client.get(`/api/links/${res.json.link.id}/import`)).status).toBe(404);
    await follow(client, res.json.link.id);
  });
});
