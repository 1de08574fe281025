// GET /api/returns (issue #16): the CLI's figures from stored rows, for the signed-in user's own accounts only,
// with a clear "not available" state when the query lacks the sections, bad dates refused, and the costs
// taken from the trades of the same period.
import { computeReturns, parseFlex, returnsToJson } from "@closeout/core";
import { generateStatement } from "@closeout/flex-sim";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { importFlexData } from "../db/import-flex-data.ts";
import { TRADE_REBUILD } from "../sync/rebuild-account-trades.ts";
import { createFakeLink } from "../test-support/create-fake-link.ts";
import { DB_KINDS, dbKindEnabled, releaseTestPostgres } from "../test-support/test-database.ts";
import { createTestApp, signUp, type TestApp, TestClient } from "./api-test-support.ts";
import { RETURNS_NOT_AVAILABLE } from "./routes/returns-routes.ts";

afterAll(releaseTestPostgres);

const OPTIONS = {
  seed: 5,
  accounts: 2,
  executions: 400,
  fromDate: "2025-01-02",
  toDate: "2025-12-31",
} as const;
const XML = generateStatement({ ...OPTIONS, accountSections: true });
const WITHOUT_SECTIONS = generateStatement({ ...OPTIONS, seed: 6 });

describe.each(DB_KINDS)("GET /api/returns on %s", (kind) => {
  let t: TestApp;
  beforeEach(async () => {
    if (dbKindEnabled(kind)) t = await createTestApp(kind);
  });
  afterEach(async () => {
    if (dbKindEnabled(kind)) await t.close();
  });
  const test = it.skipIf(!dbKindEnabled(kind));

  async function withStatement(xml = XML) {
    const s = await signUp(t);
    const res = await s.client.post("/api/accounts/import", xml, { "Content-Type": "application/xml" });
    expect(res.status).toBe(200);
    return s;
  }

  test("gives the CLI's figures per account from the stored rows, and re-import changes nothing", async () => {
    const { client } = await withStatement();
    const cli = returnsToJson(computeReturns(parseFlex(XML)));
    const res = await client.get("/api/returns");
    expect(res.status).toBe(200);
    expect(res.json.available).toBe(true);
    expect(res.json.issues).toEqual([]);
    expect(res.json.accounts).toHaveLength(2);
    for (const [i, a] of res.json.accounts.entries()) {
      const { id, verified, trailing, costs, ...figures } = a;
      expect(figures).toEqual(cli.accounts[i]);
      expect(verified).toBe(false); // an upload
      expect(figures.reconciliation.status).toBe("matches");
      // The history starts with the NAV of 1 January: no NAV day before 1 January opens a year to date.
      expect(trailing).toMatchObject({
        asOf: "2025-12-31",
        allPct: figures.twrPct,
        oneYearPct: null,
        ytdPct: null,
      });
      expect(trailing.mtdPct).toBe(figures.monthlyReturns.at(-1).twrPct);
      expect(costs.trades).toBeGreaterThan(0);
      expect(Number(costs.commissions)).toBeLessThan(0);
      expect(Number(costs.grossTradingPnl)).toBeCloseTo(
        Number(costs.realizedPnl) - Number(costs.commissions),
        6,
      );
      const explained = [
        "deposits",
        "withdrawals",
        "dividends",
        "withholdingTax",
        "interest",
        "fees",
        "commissionAdjustments",
      ]
        .map((k) => Number(figures[k]))
        .reduce((x, y) => x + y, Number(costs.realizedPnl));
      expect(Number(costs.unrealizedAndOther)).toBeCloseTo(
        Number(figures.endingNav) - Number(figures.startingNav) - explained,
        4,
      );
    }
    await withStatementAgain(client);
    expect((await client.get("/api/returns")).json).toEqual(res.json);
  });

  async function withStatementAgain(client: Awaited<ReturnType<typeof signUp>>["client"]) {
    const res = await client.post("/api/accounts/import", XML, { "Content-Type": "application/xml" });
    expect(res.status).toBe(200);
  }

  test("one account by IB id or closeout id, over a range", async () => {
    const { client } = await withStatement();
    const all = (await client.get("/api/returns")).json.accounts;
    const second = all[1];
    const byIb = await client.get(`/api/returns?account=${second.accountId}&from=2025-03-01&to=2025-03-31`);
    expect(byIb.status).toBe(200);
    expect(byIb.json.accounts).toHaveLength(1);
    const march = byIb.json.accounts[0];
    expect(march).toMatchObject({ accountId: second.accountId, from: "2025-03-03", to: "2025-03-31" });
    expect(march.twrPct).toBe(
      second.monthlyReturns.find((m: { month: string }) => m.month === "2025-03").twrPct,
    );
    const byId = await client.get(`/api/returns?account=${second.id}&from=2025-03-01&to=2025-03-31`);
    expect(byId.json).toEqual(byIb.json);
  });

  test("another user's account is a 404, and their figures never show", async () => {
    const owner = await withStatement();
    const ownerAccounts = (await owner.client.get("/api/returns")).json.accounts;
    const other = await signUp(t);
    for (const ref of [ownerAccounts[0].accountId, ownerAccounts[0].id]) {
      const res = await other.client.get(`/api/returns?account=${ref}`);
      expect(res.status).toBe(404);
      expect(res.text).not.toContain(ownerAccounts[0].endingNav);
    }
    const mine = await other.client.get("/api/returns");
    expect(mine.json).toMatchObject({ available: false, accounts: [] });
  });

  test("a user whose query lacks the sections is told what to add", async () => {
    const { client } = await withStatement(WITHOUT_SECTIONS);
    const res = await client.get("/api/returns");
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ available: false, message: RETURNS_NOT_AVAILABLE, accounts: [], issues: [] });
    expect(RETURNS_NOT_AVAILABLE).toBe(
      "not available: add Cash Transactions, Change in NAV, NAV in Base to your query",
    );
  });

  test("refuses bad dates and needs a session", async () => {
    const { client } = await withStatement();
    const bad = await client.get("/api/returns?from=2025-02-30x");
    expect(bad.status).toBe(400);
    const reversed = await client.get("/api/returns?from=2025-05-01&to=2025-04-01");
    expect(reversed.status).toBe(400);
    const anonymous = await t.app.request("/api/returns");
    expect(anonymous.status).toBe(401);
  });

  test("the percent profile shows the TWR of link-pulled rows only, without amounts or account ids", async () => {
    const linked = await signUp(t);
    const link = await createFakeLink(t.db.kysely, linked.user.id);
    await importFlexData(t.db, {
      userId: linked.user.id,
      linkId: link.id,
      data: parseFlex(XML),
      rawXml: XML,
      ...TRADE_REBUILD,
    });
    await linked.client.put("/api/me/profile", { publicProfile: "percent", handle: "linked" });
    const mine = (await linked.client.get("/api/returns")).json.accounts;
    expect(mine.every((a: { verified: boolean }) => a.verified)).toBe(true);
    const profile = (await new TestClient(t.app).get("/api/public/linked")).json.profile;
    expect(profile.timeWeightedReturns).toEqual(
      mine.map((a: { from: string; to: string; twrPct: string }) => ({
        from: a.from,
        to: a.to,
        twrPct: a.twrPct,
        brokerTwrMatches: true,
      })),
    );
    expect(JSON.stringify(profile)).not.toContain(mine[0].accountId);

    const uploader = await withStatement(
      generateStatement({ ...OPTIONS, accounts: ["U5550001"], accountSections: true }),
    );
    await uploader.client.put("/api/me/profile", { publicProfile: "percent", handle: "uploader" });
    const uploaded = (await new TestClient(t.app).get("/api/public/uploader")).json;
    expect(uploaded.verified).toBe(false);
    expect(uploaded.profile?.timeWeightedReturns ?? []).toEqual([]);
  });
});
