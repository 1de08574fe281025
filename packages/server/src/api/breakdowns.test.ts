// Breakdowns for options traders: trades grouped by underlying (the stock, its options and futures together),
// a paged and sorted list by underlying or contract, and the `underlying` filter. Every row's figures are the
// ones /api/stats gives for that row's filter (computeStats by another path).
import { generateStatement } from "@closeout/flex-sim";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { DB_KINDS, dbKindEnabled, releaseTestPostgres } from "../test-support/test-database.ts";
import { createTestApp, signUp, type TestApp, TestClient } from "./api-test-support.ts";
import { underlyingFromSymbol } from "./trade-underlyings.ts";

afterAll(releaseTestPostgres);

const XML = generateStatement({
  seed: 23,
  accounts: 1,
  executions: 500,
  fromDate: "2025-01-02",
  toDate: "2025-12-31",
});

interface Row {
  key: string;
  trades: string;
  netPnlBase: string;
  winRate: string | null;
  underlying: string;
  assetClasses: string[];
  contracts: string;
}

describe.each(DB_KINDS)("breakdowns by underlying on %s", (kind) => {
  let t: TestApp;
  beforeEach(async () => {
    if (dbKindEnabled(kind)) t = await createTestApp(kind);
  });
  afterEach(async () => {
    if (dbKindEnabled(kind)) await t.close();
  });
  const test = it.skipIf(!dbKindEnabled(kind));

  async function withStatement() {
    const s = await signUp(t);
    const res = await s.client.post("/api/accounts/import", XML, { "Content-Type": "application/xml" });
    expect(res.status).toBe(200);
    return s;
  }

  async function allRows(client: TestClient, query: string): Promise<{ rows: Row[]; total: number }> {
    const rows: Row[] = [];
    let total = -1;
    for (let page = 1; page < 100; page++) {
      const res = await client.get(`${query}&limit=7&page=${page}`);
      expect(res.status).toBe(200);
      expect(res.json.rows.length).toBeLessThanOrEqual(7);
      total = res.json.total;
      rows.push(...res.json.rows);
      if (res.json.rows.length < 7) break;
    }
    return { rows, total };
  }

  test("an underlying row holds its stock, options and futures; its figures equal /api/stats for that underlying", async () => {
    const { client } = await withStatement();
    const stats = (await client.get("/api/stats")).json;
    const overall = stats.stats.overall;
    const { rows, total } = await allRows(client, "/api/breakdowns/underlying?sort=-pnl");
    expect(rows.length).toBe(total);
    expect(String(total)).toBe(stats.byUnderlyingTotal);
    // Every trade in exactly one row, and fewer rows than contracts.
    expect(rows.reduce((n, r) => n + Number(r.trades), 0)).toBe(Number(overall.trades));
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
    expect(rows.length).toBeLessThan(Number(stats.stats.bySymbolTotal));
    // Sorted by net P&L, largest first.
    for (let i = 1; i < rows.length; i++)
      expect(Number(rows[i - 1]!.netPnlBase)).toBeGreaterThanOrEqual(Number(rows[i]!.netPnlBase));

    const mixed = rows.find((r) => r.assetClasses.includes("OPT") && r.assetClasses.includes("STK"));
    expect(mixed).toBeDefined();
    expect(Number(mixed!.contracts)).toBeGreaterThan(1);
    const one = (await client.get(`/api/stats?underlying=${mixed!.key}`)).json.stats.overall;
    expect(one.netPnlBase).toBe(mixed!.netPnlBase);
    expect(one.trades).toBe(mixed!.trades);
    expect(one.winRate).toBe(mixed!.winRate);

    // The trades list under that underlying: its options (named by IB's underlyingSymbol) and the stock.
    const listed = await client.get(`/api/trades?underlying=${mixed!.key.toLowerCase()}&limit=500`);
    expect(listed.json.total).toBe(Number(mixed!.trades));
    const symbols = new Set<string>(listed.json.trades.map((x: { symbol: string }) => x.symbol));
    expect(symbols.has(mixed!.key)).toBe(true);
    for (const s of symbols) expect(underlyingFromSymbol({ symbol: s })).toBe(mixed!.key);

    // The contracts inside it, by symbol.
    const contracts = await allRows(client, `/api/breakdowns/symbol?underlying=${mixed!.key}&sort=key`);
    expect(contracts.total).toBe(Number(mixed!.contracts));
    expect(contracts.rows.map((r) => r.key)).toEqual([...symbols].sort());
    for (const r of contracts.rows) expect(r.underlying).toBe(mixed!.key);
  });

  test("/api/stats carries at most 50 underlyings, most trades first chosen; pages do not overlap in any sort", async () => {
    const { client } = await withStatement();
    const stats = (await client.get("/api/stats")).json;
    const every = (await allRows(client, "/api/breakdowns/underlying?sort=key")).rows;
    expect(stats.byUnderlying.length).toBe(Math.min(50, every.length));
    expect(stats.byUnderlying.map((r: Row) => r.key)).toEqual(
      [...stats.byUnderlying.map((r: Row) => r.key)].sort(),
    );
    for (const sort of ["-trades", "trades", "winRate", "-winRate", "pnl"]) {
      const { rows } = await allRows(client, `/api/breakdowns/underlying?sort=${sort}`);
      expect(rows.map((r) => r.key).sort()).toEqual(every.map((r) => r.key));
    }
    const byCount = (await allRows(client, "/api/breakdowns/underlying?sort=-trades")).rows;
    for (let i = 1; i < byCount.length; i++)
      expect(Number(byCount[i - 1]!.trades)).toBeGreaterThanOrEqual(Number(byCount[i]!.trades));

    // A page past the end is empty, not an error; a range filter narrows the rows to the range's trades.
    const past = await client.get("/api/breakdowns/underlying?page=999");
    expect(past.status).toBe(200);
    expect(past.json.rows).toEqual([]);
    const june = await client.get("/api/breakdowns/underlying?from=2025-06-01&to=2025-06-30&limit=200");
    const juneStats = (await client.get("/api/stats?from=2025-06-01&to=2025-06-30")).json.stats.overall;
    expect(june.json.rows.reduce((n: number, r: Row) => n + Number(r.trades), 0)).toBe(
      Number(juneStats.trades),
    );
  });

  test("bad input → 400 naming the field; signed out → 401; another user's book is not seen", async () => {
    const { client } = await withStatement();
    for (const [query, field] of [
      ["/api/breakdowns/weekday", "dimension"],
      ["/api/breakdowns/underlying?limit=201", "limit"],
      ["/api/breakdowns/underlying?page=0", "page"],
      ["/api/breakdowns/underlying?sort=size", "sort"],
      ["/api/breakdowns/underlying?underlying=", "underlying"],
    ] as const) {
      const res = await client.get(query);
      expect(res.status, query).toBe(400);
      expect(res.json.error.fields[field], query).toBeTruthy();
    }
    expect((await new TestClient(t.app).get("/api/breakdowns/underlying")).status).toBe(401);
    const other = await signUp(t);
    const empty = await other.client.get("/api/breakdowns/underlying");
    expect(empty.json).toMatchObject({ total: 0, rows: [] });
  });
});
