// Every route against another user's ids (→ 404, or nothing of A's in B's lists) and without a session (→ 401).
import { randomBytes, randomUUID } from "node:crypto";
import { generateStatement } from "@closeout/flex-sim";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTokenCipher } from "../crypto/token-cipher.ts";
import { createLink } from "../db/links-repository.ts";
import { startSyncRun } from "../db/sync-runs-repository.ts";
import { DB_KINDS, dbKindEnabled, releaseTestPostgres } from "../test-support/test-database.ts";
import { createTestApp, signUp, type TestApp, TestClient } from "./api-test-support.ts";

afterAll(releaseTestPostgres);

const XML = generateStatement({
  seed: 5,
  accounts: 1,
  executions: 150,
  fromDate: "2025-01-02",
  toDate: "2025-12-31",
});

describe.each(DB_KINDS)("authorization on %s", (kind) => {
  let t: TestApp;
  beforeEach(async () => {
    if (dbKindEnabled(kind)) t = await createTestApp(kind);
  });
  afterEach(async () => {
    if (dbKindEnabled(kind)) await t.close();
  });
  const test = it.skipIf(!dbKindEnabled(kind));

  async function userAWithData() {
    const a = await signUp(t);
    expect((await a.client.post("/api/accounts/import", XML)).status).toBe(200);
    const id = randomUUID();
    const link = await createLink(t.db.kysely, {
      id,
      userId: a.user.id,
      queryId: "123",
      token: createTokenCipher(randomBytes(32)).encrypt("123456789012345678901234", id),
    });
    await startSyncRun(t.db.kysely, link.id);
    const account = (await a.client.get("/api/accounts")).json.accounts[0];
    const trade = (await a.client.get("/api/trades?limit=1")).json.trades[0];
    expect(trade).toBeTruthy();
    return {
      a,
      linkId: link.id,
      accountId: account.id as string,
      ibAccountId: account.accountId as string,
      tradeId: trade.id as string,
    };
  }

  test("user B gets 404 for each of user A's ids, and none of A's data in lists", async () => {
    const { a, linkId, accountId, ibAccountId, tradeId } = await userAWithData();
    const b = await signUp(t);
    const byId: [string, string, unknown?][] = [
      ["PUT", `/api/links/${linkId}/token`, { token: "abcdefgh12345678" }],
      ["DELETE", `/api/links/${linkId}`],
      ["POST", `/api/links/${linkId}/sync`],
      ["GET", `/api/links/${linkId}/syncs`],
      ["GET", `/api/trades/${tradeId}`],
      ["GET", `/api/trades?account=${accountId}`],
      ["GET", `/api/trades?account=${ibAccountId}`],
      ["GET", `/api/trades.csv?account=${accountId}`],
      ["GET", `/api/positions?account=${accountId}`],
      ["GET", `/api/unmatched?account=${accountId}`],
      ["GET", `/api/stats?account=${accountId}`],
      ["GET", "/api/links/not-a-uuid/syncs"],
    ];
    for (const [method, path, body] of byId) {
      const res = await b.client.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.json.error.code).toBe("not-found");
    }
    expect((await b.client.get("/api/links")).json.links).toEqual([]);
    expect((await b.client.get("/api/accounts")).json.accounts).toEqual([]);
    expect((await b.client.get("/api/trades")).json.trades).toEqual([]);
    expect((await b.client.get("/api/positions")).json.openPositions).toEqual([]);
    expect((await b.client.get("/api/unmatched")).json.unmatched).toEqual([]);
    expect((await b.client.get("/api/stats")).json.summary.trades).toBe("0");
    expect((await b.client.get("/api/trades.csv")).text.trim().split("\r\n").length).toBe(1);
    expect((await b.client.get("/api/me")).json.user.id).toBe(b.user.id);
    // A's things are untouched by B's attempts.
    expect((await a.client.get(`/api/links/${linkId}/syncs`)).status).toBe(200);
    expect((await a.client.get(`/api/trades/${tradeId}`)).status).toBe(200);
  });

  test("without a session every private route → 401", async () => {
    const { linkId, tradeId } = await userAWithData();
    const anon = new TestClient(t.app);
    const routes: [string, string, unknown?][] = [
      ["GET", "/api/me"],
      ["POST", "/api/me/password", { currentPassword: "x", newPassword: "y".repeat(12) }],
      ["DELETE", "/api/me", { password: "x" }],
      ["PUT", "/api/me/profile", { publicProfile: "off" }],
      ["POST", "/api/links", { token: "abcdefgh12345678", queryId: "1" }],
      ["GET", "/api/links"],
      ["PUT", `/api/links/${linkId}/token`, { token: "abcdefgh12345678" }],
      ["DELETE", `/api/links/${linkId}`],
      ["POST", `/api/links/${linkId}/sync`],
      ["GET", `/api/links/${linkId}/syncs`],
      ["GET", "/api/accounts"],
      ["POST", "/api/accounts/import", XML],
      ["GET", "/api/trades"],
      ["GET", `/api/trades/${tradeId}`],
      ["GET", "/api/trades.csv"],
      ["GET", "/api/positions"],
      ["GET", "/api/unmatched"],
      ["GET", "/api/stats"],
    ];
    for (const [method, path, body] of routes) {
      const res = await anon.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.json.error.code).toBe("unauthenticated");
    }
  });

  test("deleting a user deletes their links, tokens, accounts, statements and trades", async () => {
    const { a } = await userAWithData();
    expect((await a.client.delete("/api/me", { password: a.password })).status).toBe(204);
    for (const table of [
      "ib_links",
      "accounts",
      "raw_statements",
      "executions",
      "account_books",
      "sync_runs",
    ] as const) {
      const rows = await t.db.kysely
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirst();
      expect(Number(rows?.n), table).toBe(0);
    }
  });
});
