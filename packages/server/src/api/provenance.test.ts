// Issue #13 "Provenance" end to end: flex-sim on loopback is IB, the API is the one users call. An upload
// naming an IB account never takes it from its owner, and the public profile is verified only for what a
// Flex link pulled.
import { type FlexSim, generateStatement, startFlexSim } from "@closeout/flex-sim";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFlexClient } from "../flex-client/flex-client.ts";
import { DB_KINDS, dbKindEnabled, releaseTestPostgres } from "../test-support/test-database.ts";
import { createTestApp, signUp, type TestApp, TestClient } from "./api-test-support.ts";

const TOKEN = "482915736104928371650293";
const QUERY = "100003";
const ACCOUNT = "U2345678";
/** A statement anyone could write, naming the demo's account, with a year of (made-up) trading. */
const FORGED = generateStatement({
  seed: 99,
  accounts: [ACCOUNT],
  executions: 200,
  fromDate: "2025-01-02",
  toDate: "2025-12-31",
});
const OLDER = generateStatement({
  seed: 5,
  accounts: [ACCOUNT],
  executions: 120,
  fromDate: "2024-01-02",
  toDate: "2024-12-31",
});
const XML = { "Content-Type": "application/xml" };

let sim: FlexSim;
beforeAll(async () => {
  sim = await startFlexSim({ seed: 3 });
  sim.registry.addToken(TOKEN, {
    queries: {
      [QUERY]: { accounts: [ACCOUNT], executions: 150, fromDate: "2025-01-02", toDate: "2025-12-31" },
    },
  });
});
afterAll(async () => {
  await sim.close();
  await releaseTestPostgres();
});

describe.each(DB_KINDS)("provenance over the API on %s", (kind) => {
  let t: TestApp;
  beforeEach(async () => {
    if (!dbKindEnabled(kind)) return;
    const flexClient = createFlexClient({
      baseUrl: `${sim.url}/AccountManagement/FlexWebService`,
      pollDelaysMs: [10],
    });
    t = await createTestApp(kind, { flexClient, publicMinTrades: 1, runSyncs: true });
  });
  afterEach(async () => {
    if (dbKindEnabled(kind)) await t.close();
  });
  const test = it.skipIf(!dbKindEnabled(kind));
  const publicProfile = async (handle: string) =>
    (await new TestClient(t.app).get(`/api/public/${handle}`)).json;

  test("an upload naming an account, then its owner's link: the link succeeds, the uploader is not verified, and is refused after", async () => {
    const ann = await signUp(t);
    expect((await ann.client.post("/api/accounts/import", FORGED, XML)).status).toBe(200);
    await ann.client.put("/api/me/profile", { publicProfile: "percent", handle: "ann" });
    expect(await publicProfile("ann")).toMatchObject({
      verified: false,
      verifiedSince: null,
      uploadsLeftOut: true,
      trades: "0",
      profile: null,
    });

    const bob = await signUp(t);
    const linked = await bob.client.post("/api/links", { token: TOKEN, queryId: QUERY });
    expect(linked.status).toBe(201);
    expect(linked.json.accounts.map((a: { accountId: string }) => a.accountId)).toEqual([ACCOUNT]);
    await bob.client.put("/api/me/profile", { publicProfile: "percent", handle: "bob" });
    const bobs = await publicProfile("bob");
    expect(bobs).toMatchObject({ verified: true, verifiedSince: "2025-01-02", uploadsLeftOut: false });
    expect(Number(bobs.trades)).toBeGreaterThan(0);

    // Ann keeps her unverified copy; her profile stays unverified.
    const annAccounts = (await ann.client.get("/api/accounts")).json.accounts;
    expect(annAccounts).toMatchObject([{ accountId: ACCOUNT, linkId: null }]);
    expect(await publicProfile("ann")).toMatchObject({ verified: false, trades: "0" });
    // Her next upload of the account Bob's link holds is refused, and the answer names nobody.
    const refused = await ann.client.post(
      "/api/accounts/import",
      FORGED.replace("<FlexStatements", " <FlexStatements"),
      XML,
    );
    expect(refused.status).toBe(409);
    expect(refused.json.error.code).toBe("account-held-by-link");
    expect(refused.text).not.toContain(ACCOUNT);
    expect(refused.text).not.toContain(bob.email);
    expect((await ann.client.get("/api/accounts")).json.accounts).toEqual(annAccounts);
  });

  test("the link owner uploads older history: merged once; the profile counts only the link's trades", async () => {
    const bob = await signUp(t);
    expect((await bob.client.post("/api/links", { token: TOKEN, queryId: QUERY })).status).toBe(201);
    await bob.client.put("/api/me/profile", { publicProfile: "percent", handle: "bob" });
    const before = await publicProfile("bob");
    const dashboardBefore = (await bob.client.get("/api/stats")).json.stats.overall.trades;

    const older = await bob.client.post("/api/accounts/import", OLDER, XML);
    expect(older.status).toBe(200);
    expect(older.json.executionsAdded).toBeGreaterThan(0);
    expect((await bob.client.post("/api/accounts/import", OLDER, XML)).json.executionsAdded).toBe(0);
    const accounts = (await bob.client.get("/api/accounts")).json.accounts;
    expect(accounts).toHaveLength(1);
    expect(accounts[0].linkId).not.toBe(null);

    // The dashboard shows everything; the public profile only what the link pulled, and says so.
    expect(Number((await bob.client.get("/api/stats")).json.stats.overall.trades)).toBeGreaterThan(
      Number(dashboardBefore),
    );
    const after = await publicProfile("bob");
    expect(after).toMatchObject({ verified: true, verifiedSince: "2025-01-02", uploadsLeftOut: true });
    expect(after.trades).toBe(before.trades);
    expect(after.profile).toEqual(before.profile);
  });
});
