// Links over real HTTP: flex-sim on loopback is the Flex Web Service; the Flex client is pointed at it.
import { gunzipSync } from "node:zlib";
import { type FlexSim, startFlexSim } from "@closeout/flex-sim";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFlexClient } from "../flex-client/flex-client.ts";
import { DB_KINDS, dbKindEnabled, releaseTestPostgres } from "../test-support/test-database.ts";
import { createTestApp, signUp, type TestApp } from "./api-test-support.ts";

const TOKEN = "482915736104928371650293";
const BAD_TOKEN = "999915736104928371650111";
const QUERY = "900001";

let sim: FlexSim;
beforeAll(async () => {
  sim = await startFlexSim({ seed: 7 });
  sim.registry.addToken(TOKEN, {
    queries: {
      [QUERY]: { executions: 120, fromDate: "2025-01-02", toDate: "2025-12-31" },
      "900002": { executions: 50, omitSections: ["OpenPositions"] },
    },
    pollsBeforeReady: 1,
  });
  sim.registry.addToken(BAD_TOKEN, { queries: {}, expired: true });
});
afterAll(async () => {
  await sim.close();
  await releaseTestPostgres();
});

describe.each(DB_KINDS)("links on %s", (kind) => {
  let t: TestApp;
  beforeEach(async () => {
    if (!dbKindEnabled(kind)) return;
    const flexClient = createFlexClient({
      baseUrl: `${sim.url}/AccountManagement/FlexWebService`,
      pollDelaysMs: [10],
    });
    t = await createTestApp(kind, { flexClient });
  });
  afterEach(async () => {
    if (dbKindEnabled(kind)) await t.close();
  });
  const test = it.skipIf(!dbKindEnabled(kind));

  test("create = live test pull: link stored (token encrypted), first import queued, not run in the request", async () => {
    const { client } = await signUp(t);
    const res = await client.post("/api/links", { token: TOKEN, queryId: QUERY });
    expect(res.status).toBe(201);
    expect(res.json.check.ok).toBe(true);
    expect(res.json.accounts.length).toBe(1);
    expect(res.json.accounts[0].description).toMatch(
      /^Account U\d+ \(base currency [A-Z]{3}\): \d+ executions from /,
    );
    expect(res.json.link).toMatchObject({ queryId: QUERY, status: "pending" });
    expect(res.json.import).toMatchObject({ state: "queued", executionsAdded: null, attempts: 0 });
    expect(res.text).not.toContain(TOKEN);
    expect(t.enqueued).toEqual([{ linkId: res.json.link.id, reason: "link" }]);

    const stored = await t.db.kysely.selectFrom("ib_links").selectAll().execute();
    expect(stored.length).toBe(1);
    expect(Buffer.from(stored[0]!.token_ciphertext).toString("utf8")).not.toContain(TOKEN);
    // Nothing imported in the request; the checked statement waits for the job, without the token.
    expect(await t.db.kysely.selectFrom("raw_statements").selectAll().execute()).toEqual([]);
    const kept = await t.db.kysely.selectFrom("link_imports").selectAll().executeTakeFirstOrThrow();
    expect(kept.statement_gzip).not.toBeNull();
    expect(gunzipSync(kept.statement_gzip!).toString("utf8")).toContain("<FlexStatement ");
    expect(gunzipSync(kept.statement_gzip!).toString("utf8")).not.toContain(TOKEN);
    const progress = await client.get(`/api/links/${res.json.link.id}/import`);
    expect(progress.json.import.state).toBe("queued");

    const links = await client.get("/api/links");
    expect(links.text).not.toContain(TOKEN);
    t.enqueued.length = 0;

    expect((await client.post(`/api/links/${res.json.link.id}/sync`)).status).toBe(202);
    expect(t.enqueued).toEqual([{ linkId: res.json.link.id, reason: "manual" }]);
    const put = await client.put(`/api/links/${res.json.link.id}/token`, {
      token: `${TOKEN}9`,
      tokenExpiresOn: "2027-01-01",
    });
    expect(put.status).toBe(200);
    expect(put.json.link.tokenExpiresOn).toBe("2027-01-01");
    expect((await client.delete(`/api/links/${res.json.link.id}`)).status).toBe(204);
    expect((await client.get("/api/links")).json.links).toEqual([]);
  });

  test("IB error → 422 with IB's explanation, nothing stored, and the token appears in no log line", async () => {
    const { client } = await signUp(t);
    const res = await client.post("/api/links", { token: BAD_TOKEN, queryId: QUERY });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("flex-link-failed");
    expect(res.json.error.ibErrorCode).toBe("1012");
    expect(res.json.error.message).toMatch(/expired/i);
    expect(res.text).not.toContain(BAD_TOKEN);
    expect(await t.db.kysely.selectFrom("ib_links").selectAll().execute()).toEqual([]);
    expect(await t.db.kysely.selectFrom("raw_statements").selectAll().execute()).toEqual([]);

    await client.post("/api/links", { token: TOKEN, queryId: QUERY });
    await client.post("/api/links", { token: "short", queryId: "abc" });
    expect(t.logs.length).toBeGreaterThan(3);
    for (const line of t.logs) {
      expect(line).not.toContain(TOKEN);
      expect(line).not.toContain(BAD_TOKEN);
    }
  });

  test("a Flex base URL without the service path → 422 saying the base URL is wrong, not 'try again later'", async () => {
    const wrongBase = await createTestApp(kind, {
      db: t.db,
      flexClient: createFlexClient({ baseUrl: sim.url, pollDelaysMs: [10] }),
    });
    const { client } = await signUp(wrongBase);
    const res = await client.post("/api/links", { token: TOKEN, queryId: QUERY });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("flex-link-failed");
    expect(res.json.error.message).toMatch(/HTTP 404 .*Flex base URL is wrong.*CLOSEOUT_FLEX_BASE_URL/);
    expect(res.json.error.message).not.toContain("try again later");
    expect(await t.db.kysely.selectFrom("ib_links").selectAll().execute()).toEqual([]);
    expect(wrongBase.enqueued).toEqual([]);
  });

  test("a query that lacks a required section → 422 naming the section in IB's words; nothing stored", async () => {
    const { client } = await signUp(t);
    const res = await client.post("/api/links", { token: TOKEN, queryId: "900002" });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("flex-query-incomplete");
    expect(res.json.error.message).toContain('"Open Positions"');
    expect(res.json.error.check.missingSections).toEqual(["OpenPositions"]);
    expect(await t.db.kysely.selectFrom("ib_links").selectAll().execute()).toEqual([]);
  });

  test("validation: token and query id formats, without echoing them", async () => {
    const { client } = await signUp(t);
    const res = await client.post("/api/links", { token: "ab-cd", queryId: "12x" });
    expect(res.status).toBe(400);
    expect(Object.keys(res.json.error.fields).sort()).toEqual(["queryId", "token"]);
    expect(res.text).not.toContain("ab-cd");
  });
});
