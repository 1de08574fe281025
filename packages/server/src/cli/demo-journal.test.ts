// The demo user's journal, written through the API: a dozen trades with setups, notes and risk, R in the
// statistics by tag, a day note; a second start writes nothing more.
import { generateStatement } from "@closeout/flex-sim";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, signUp, type TestApp } from "../api/api-test-support.ts";
import { DB_KINDS, dbKindEnabled, releaseTestPostgres } from "../test-support/test-database.ts";
import type { ApiSession } from "./api-session.ts";
import { seedDemoJournal } from "./demo-journal.ts";

afterAll(releaseTestPostgres);

const XML = generateStatement({
  seed: 2026,
  accounts: 1,
  executions: 300,
  fromDate: "2025-01-02",
  toDate: "2025-12-31",
});

describe.each(DB_KINDS)("demo journal on %s", (kind) => {
  let t: TestApp;
  beforeEach(async () => {
    if (dbKindEnabled(kind)) t = await createTestApp(kind);
  });
  afterEach(async () => {
    if (dbKindEnabled(kind)) await t.close();
  });

  it.skipIf(!dbKindEnabled(kind))("tags a dozen trades with notes and risk, once", async () => {
    const { client } = await signUp(t);
    expect(
      (await client.post("/api/accounts/import", XML, { "Content-Type": "application/xml" })).status,
    ).toBe(200);
    const api: ApiSession = {
      call: async (method, path, body) => {
        const res = await client.request(method, path, body);
        return { status: res.status, json: res.json };
      },
    };
    expect(await seedDemoJournal(api, { waitMs: 0 })).toBe(12);
    expect(await seedDemoJournal(api, { waitMs: 0 })).toBe(0);

    const stats = (await client.get("/api/stats")).json.stats;
    expect(stats.r.trades).toBe("12");
    expect(stats.byTagGroup.map((g: { key: string }) => g.key)).toEqual(["mistake", "setup"]);
    const setups = stats.byTag.filter((g: { key: string }) => g.key.startsWith("setup:"));
    expect(setups.reduce((n: number, g: { trades: string }) => n + Number(g.trades), 0)).toBe(12);
    expect((await client.get("/api/trades?tag=setup:*&limit=500")).json.total).toBe(12);
    const first = (await client.get("/api/trades?sort=closedAt&limit=1")).json.trades[0];
    const day = await client.get(`/api/journal/${first.closedAtExchange.slice(0, 10)}`);
    expect(day.json.note).toMatch(/Plan/);
  });
});
