// syncLink end to end: flex-sim over HTTP → core parser → importFlexData on a real database. Every injected
// fault ends either in a correct import or in a specific link status with nothing stored, and no execution
// is ever stored twice.
import type { FlexSim, FlexSimFault, FlexSimToken } from "@closeout/flex-sim";
import { generateStatement } from "@closeout/flex-sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db, DbKind } from "../db/database.ts";
import { findLink } from "../db/links-repository.ts";
import { listSyncRuns } from "../db/sync-runs-repository.ts";
import { createTestDb, DB_KINDS, dbKindEnabled, releaseTestPostgres } from "../test-support/test-database.ts";
import { nextDailySyncAt } from "./next-sync-at.ts";
import { type SyncDeps, type SyncProgress, syncLink } from "./sync-link.ts";
import {
  countRows,
  createLinkedUser,
  expectedExecutions,
  smallQuery,
  startTestFlexSim,
  testCipher,
  testFlexClient,
} from "./sync-test-kit.ts";

const NOW = Date.UTC(2025, 3, 1, 15, 0, 0);
const SIM_SEED = 21;
const cipher = testCipher();
let sim: FlexSim;
let accountSeq = 0;
const nextAccount = () => `U81${String(++accountSeq).padStart(5, "0")}`;

beforeAll(async () => {
  sim = await startTestFlexSim(SIM_SEED);
});
afterAll(async () => {
  await sim.close();
  await releaseTestPostgres();
});

describe.each(DB_KINDS.filter(dbKindEnabled))("syncLink on %s", (kind: DbKind) => {
  let db: Db;
  let deps: SyncDeps;
  // One database for the file (a fresh one per test costs a second); each test has its own user and accounts.
  beforeAll(async () => {
    db = await createTestDb(kind);
    deps = { db, flexClient: testFlexClient(sim, { timeoutMs: 500 }), cipher, clock: { now: () => NOW } };
  });
  afterAll(async () => {
    await db.close();
  });

  const link = async (
    config: Omit<FlexSimToken, "queries"> = {},
    extra: { tokenExpiresOn?: string; account?: string } = {},
  ) => {
    const query = smallQuery(extra.account ?? nextAccount());
    const created = await createLinkedUser(db, sim, cipher, {
      query,
      sim: config,
      ...(extra.tokenExpiresOn ? { tokenExpiresOn: extra.tokenExpiresOn } : {}),
    });
    return { ...created, expected: expectedExecutions(query, SIM_SEED) };
  };

  it("imports a statement, rebuilds trades, records the run and schedules the next daily sync", async () => {
    const { linkId, userId, expected } = await link({ pollsBeforeReady: 2 });
    const progress: SyncProgress[] = [];
    const outcome = await syncLink({ ...deps, onProgress: (p) => progress.push(p) }, linkId);
    expect(outcome.result).toBe("imported");
    const counts = await countRows(db, userId);
    expect(counts.executions).toBe(expected);
    expect(counts.distinctExecutionKeys).toBe(counts.executions);
    expect(counts.rawStatements).toBe(1);
    expect(counts.trades).toBeGreaterThan(0);
    const stored = await findLink(db.kysely, linkId);
    expect(stored?.status).toBe("active");
    expect(stored?.lastSyncAt).toBe(new Date(NOW).toISOString());
    // 15:00 UTC on 1 April is 11:00 in New York: the next 06:00 there is 2 April, 10:00 UTC.
    expect(stored?.nextSyncAt).toBe("2025-04-02T10:00:00.000Z");
    const [run] = await listSyncRuns(db.kysely, linkId);
    expect(run).toMatchObject({ status: "succeeded", attempts: 1, ibErrorCode: null });
    expect(run?.timings?.polls).toBe(3);
    expect(progress.map((p) => p.phase)).toEqual([
      "requesting",
      "downloading",
      "waiting",
      "waiting",
      "done",
      "parsing",
      "importing",
      "finished",
    ]);
  });

  it("re-sync adds nothing", async () => {
    const { linkId, userId } = await link();
    await syncLink(deps, linkId);
    const before = await countRows(db, userId);
    const again = await syncLink(deps, linkId);
    expect(again.result === "imported" && again.import.executionsAdded).toBe(0);
    expect(await countRows(db, userId)).toEqual(before);
  });

  const stop = (code: 1010 | 1014 | 1016): FlexSimFault => ({ kind: "error", code, endpoint: "SendRequest" });

  it.each([
    ["expired token", { expired: true }, "token-expired", "1012"],
    ["invalid token", { invalid: true }, "token-invalid", "1015"],
    ["IP restriction", { ipRestricted: true }, "ip-restricted", "1013"],
    ["legacy query", { faults: [stop(1010)] }, "query-invalid", "1010"],
    ["unknown query", { faults: [stop(1014)] }, "query-invalid", "1014"],
    ["invalid account", { faults: [stop(1016)] }, "query-invalid", "1016"],
  ] as const)(
    "stops on %s: specific status, no retry, no next sync, nothing stored",
    async (_n, config, status, code) => {
      const { linkId, token, userId } = await link(config as Omit<FlexSimToken, "queries">);
      const outcome = await syncLink(deps, linkId, { attempt: 1, lastAttempt: false });
      expect(outcome).toMatchObject({
        result: "failed",
        linkStatus: status,
        ibErrorCode: code,
        retryAfterMs: null,
      });
      const stored = await findLink(db.kysely, linkId);
      expect(stored).toMatchObject({ status, nextSyncAt: null });
      expect(stored?.statusMessage).toMatch(/update the link|Activity Flex Query|Flex query belongs/);
      expect(stored?.statusMessage).not.toContain(token);
      const [run] = await listSyncRuns(db.kysely, linkId);
      expect(run).toMatchObject({ status: "failed", ibErrorCode: code });
      expect(run?.message).not.toContain(token);
      expect(await countRows(db, userId)).toMatchObject({ executions: 0, rawStatements: 0 });
    },
  );

  it("asks for a pause of at least a minute after 1018, then imports", async () => {
    const { linkId } = await link({ faults: [{ kind: "error", code: 1018, times: 1 }] });
    const first = await syncLink(deps, linkId, { attempt: 1, lastAttempt: false });
    expect(first).toMatchObject({ result: "retry", linkStatus: "ib-unavailable", ibErrorCode: "1018" });
    expect(first.result === "retry" && first.retryAfterMs).toBeGreaterThanOrEqual(60_000);
    expect((await findLink(db.kysely, linkId))?.nextSyncAt).not.toBeNull();
    const second = await syncLink(deps, linkId, { attempt: 2 });
    expect(second.result).toBe("imported");
  });

  const transientFaults: [string, FlexSimFault][] = [
    ["heavy load (1009)", { kind: "heavy-load", times: 1 }],
    ["statement not ready (1003)", { kind: "error", code: 1003, endpoint: "GetStatement", times: 1 }],
    ["HTTP 500", { kind: "http-500", times: 1 }],
    ["a request never answered", { kind: "timeout", endpoint: "SendRequest", times: 1 }],
    ["a body cut off mid-download", { kind: "truncated-body", times: 1 }],
  ];
  it.each(transientFaults)("retries after %s with backoff, then imports exactly once", async (_n, fault) => {
    const { linkId, userId, expected } = await link({ faults: [fault] });
    const first = await syncLink(deps, linkId, { attempt: 1, lastAttempt: false });
    expect(first).toMatchObject({ result: "retry", linkStatus: "ib-unavailable", retryAfterMs: null });
    expect(await countRows(db, userId)).toMatchObject({ executions: 0, rawStatements: 0 });
    const second = await syncLink(deps, linkId, { attempt: 2, lastAttempt: false });
    expect(second.result).toBe("imported");
    const counts = await countRows(db, userId);
    expect(counts).toMatchObject({ executions: expected, distinctExecutionKeys: expected, rawStatements: 1 });
    const runs = await listSyncRuns(db.kysely, linkId);
    expect(runs.map((r) => [r.status, r.attempts]).sort()).toEqual([
      ["failed", 1],
      ["succeeded", 2],
    ]);
  });

  it("gives up for the day after the last retry, keeping the daily slot", async () => {
    const { linkId } = await link({ faults: [{ kind: "http-500" }] });
    const outcome = await syncLink(deps, linkId, { attempt: 6, lastAttempt: true });
    expect(outcome).toMatchObject({ result: "failed", linkStatus: "ib-unavailable" });
    const stored = await findLink(db.kysely, linkId);
    expect(stored?.nextSyncAt).toBe(nextDailySyncAt(new Date(NOW)).toISOString());
    expect(stored?.statusMessage).toMatch(/next daily sync/);
  });

  it.each([
    ["truncated", (xml: string) => xml.slice(0, Math.floor(xml.length * 0.6)), "backoff"],
    ["malformed", (xml: string) => xml.replace("<Trades>", "<Trades><<"), "backoff"],
    [
      "a DOCTYPE",
      (xml: string) => xml.replace("<FlexQueryResponse", '<!DOCTYPE x [<!ENTITY a "b">]><FlexQueryResponse'),
      "never",
    ],
    ["not a Flex statement", () => "<html><body>maintenance</body></html>", "backoff"],
  ] as const)("rejects a statement that is %s whole: nothing stored", async (_n, damage, retry) => {
    const account = nextAccount();
    const xml = damage(
      generateStatement({
        seed: 5,
        accounts: [account],
        executions: 30,
        fromDate: "2025-01-02",
        toDate: "2025-03-31",
      }),
    );
    const { linkId, userId } = await createLinkedUser(db, sim, cipher, { query: { xml } });
    const outcome = await syncLink(deps, linkId, { attempt: 1, lastAttempt: false });
    expect(outcome).toMatchObject({
      result: retry === "never" ? "failed" : "retry",
      linkStatus: "statement-rejected",
    });
    expect((await findLink(db.kysely, linkId))?.statusMessage).toMatch(/Nothing was stored/);
    expect(await countRows(db, userId)).toMatchObject({
      executions: 0,
      rawStatements: 0,
      accounts: 0,
      trades: 0,
    });
  });

  it("rejects a statement of an account another user has linked: nothing stored for the second user", async () => {
    const account = nextAccount();
    const first = await link({}, { account });
    await syncLink(deps, first.linkId);
    const before = await countRows(db);
    const second = await link({}, { account });
    const outcome = await syncLink(deps, second.linkId);
    expect(outcome).toMatchObject({ result: "failed", linkStatus: "account-conflict" });
    expect((await findLink(db.kysely, second.linkId))?.nextSyncAt).toBeNull();
    expect(await countRows(db)).toEqual(before);
    expect(await countRows(db, second.userId)).toMatchObject({
      executions: 0,
      rawStatements: 0,
      accounts: 0,
    });
  });

  it("warns when the token expires within 14 days, and not before", async () => {
    const soon = await link({}, { tokenExpiresOn: "2025-04-10" });
    const late = await link({}, { tokenExpiresOn: "2025-06-30" });
    expect(await syncLink(deps, soon.linkId)).toMatchObject({
      result: "imported",
      linkStatus: "token-expiring",
    });
    expect(await syncLink(deps, late.linkId)).toMatchObject({ result: "imported", linkStatus: "active" });
    const warned = await findLink(db.kysely, soon.linkId);
    expect(warned?.statusMessage).toMatch(/expires on 2025-04-10 \(in 9 days\)/);
    expect((await findLink(db.kysely, late.linkId))?.statusMessage).toBeNull();
  });

  it("marks a token stored with another key as invalid without calling IB", async () => {
    const { linkId, token } = await link();
    const outcome = await syncLink({ ...deps, cipher: testCipher() }, linkId);
    expect(outcome).toMatchObject({ result: "failed", linkStatus: "token-invalid" });
    expect(sim.registry.requestCounts(token).sendRequest).toBe(0);
  });

  it("does not sync a link that is being synced right now", async () => {
    const { linkId } = await link({ pollsBeforeReady: 3 });
    const [a, b] = await Promise.all([syncLink(deps, linkId), syncLink(deps, linkId)]);
    expect([a.result, b.result].sort()).toEqual(["busy", "imported"]);
  });
});
