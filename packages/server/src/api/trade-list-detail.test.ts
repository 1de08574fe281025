// What the trades list and a trade's page need beyond the rows: the filtered set's P&L total (the same figure as
// /api/stats for those filters), a trade's average entry and exit prices (exact, from its legs), its neighbours
// in the list the user came from, and errors written as sentences.
import { Decimal } from "@closeout/core";
import { generateStatement } from "@closeout/flex-sim";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { DB_KINDS, dbKindEnabled, releaseTestPostgres } from "../test-support/test-database.ts";
import { createTestApp, signUp, type TestApp } from "./api-test-support.ts";

afterAll(releaseTestPostgres);

const XML = generateStatement({
  seed: 18,
  accounts: 2,
  executions: 400,
  fromDate: "2025-01-02",
  toDate: "2025-12-31",
});

interface Leg {
  quantity: string;
  price: string;
  opening: boolean;
}

/** Σ|q|·p / Σ|q| over one side's legs, exact, to 8 places half-even: the figure the API must give. */
function expectedAverage(legs: readonly Leg[], opening: boolean): string | null {
  const side = legs.filter((l) => l.opening === opening);
  if (side.length === 0) return null;
  const qty = side.reduce((s, l) => s.plus(new Decimal(l.quantity).abs()), new Decimal(0));
  if (qty.isZero()) return null;
  const value = side.reduce((s, l) => s.plus(new Decimal(l.quantity).abs().times(l.price)), new Decimal(0));
  return value.div(qty).toDecimalPlaces(8, Decimal.ROUND_HALF_EVEN).toFixed();
}

describe.each(DB_KINDS)("trades list totals and trade detail on %s", (kind) => {
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

  test("the list's total and P&L total equal /api/stats' count and net P&L for the same filters", async () => {
    const { client } = await withStatement();
    const accounts = (await client.get("/api/accounts")).json.accounts;
    const filters = [
      "",
      "outcome=win",
      "outcome=loss",
      "side=short",
      "from=2025-03-01&to=2025-06-30",
      `account=${accounts[0].accountId}`,
      "symbol=NO_SUCH_SYMBOL",
    ];
    const seen = new Set<string>();
    for (const f of filters) {
      const list = await client.get(`/api/trades?limit=1&${f}`);
      const stats = await client.get(`/api/stats?${f}`);
      expect(list.status, f).toBe(200);
      expect(String(list.json.total), f).toBe(stats.json.summary.trades);
      expect(list.json.pnlTotal.amount, f).toBe(stats.json.summary.netPnlBase);
      expect(list.json.pnlTotal.currency, f).toBe(stats.json.summary.baseCurrency);
      seen.add(list.json.pnlTotal.amount);
    }
    // The filters give different totals, so the check above compares real figures, not one constant.
    expect(seen.size).toBeGreaterThan(4);
    expect((await client.get("/api/trades?symbol=NO_SUCH_SYMBOL")).json.pnlTotal).toMatchObject({
      amount: "0",
      trades: 0,
    });
  });

  test("a trade's average entry and exit prices are its legs' quantity-weighted prices, exactly", async () => {
    const { client } = await withStatement();
    const list = (await client.get("/api/trades?limit=500")).json.trades as { id: string }[];
    expect(list.length).toBeGreaterThan(50);
    let multiLeg = 0;
    for (const { id } of list.slice(0, 60)) {
      const d = (await client.get(`/api/trades/${encodeURIComponent(id)}`)).json;
      const legs = d.executions as Leg[];
      expect(d.trade.averageEntryPrice, id).toBe(expectedAverage(legs, true));
      expect(d.trade.averageExitPrice, id).toBe(expectedAverage(legs, false));
      expect(d.trade.averageEntryPrice).not.toBeNull();
      if (legs.filter((l) => l.opening).length > 1) multiLeg++;
      // A single opening leg: its price is the average, digit for digit.
      const opens = legs.filter((l) => l.opening);
      if (opens.length === 1) expect(new Decimal(d.trade.averageEntryPrice).eq(opens[0]!.price)).toBe(true);
    }
    expect(multiLeg, "some trades open in several executions").toBeGreaterThan(0);
  });

  test("a trade names its neighbours in the filtered, sorted list it was opened from", async () => {
    const { client } = await withStatement();
    for (const query of ["sort=-closedAt", "outcome=win&sort=pnl", "side=long&sort=-symbol"]) {
      const ids = ((await client.get(`/api/trades?limit=500&${query}`)).json.trades as { id: string }[]).map(
        (x) => x.id,
      );
      expect(ids.length).toBeGreaterThan(3);
      for (const at of [0, 1, ids.length - 1]) {
        const d = (await client.get(`/api/trades/${encodeURIComponent(ids[at]!)}?${query}`)).json;
        expect(d.neighbours, `${query} #${at}`).toEqual({
          previous: ids[at - 1] ?? null,
          next: ids[at + 1] ?? null,
          position: at + 1,
          total: ids.length,
        });
      }
    }
    // A trade outside the filters (a loss, asked with outcome=win) has no neighbours there.
    const loss = (await client.get("/api/trades?limit=1&outcome=loss")).json.trades[0].id;
    const outside = await client.get(`/api/trades/${encodeURIComponent(loss)}?outcome=win`);
    expect(outside.status).toBe(200);
    expect(outside.json.neighbours).toMatchObject({ previous: null, next: null, position: null });
    // Bad filters are refused like the list's.
    const bad = await client.get(`/api/trades/${encodeURIComponent(loss)}?sort=price&side=up`);
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(["side", "sort"]);
  });

  test("errors are sentences: an unknown trade, a bad filter, an unknown account", async () => {
    const { client } = await withStatement();
    const missing = await client.get("/api/trades/no-such-trade");
    expect(missing.status).toBe(404);
    expect(missing.json.error.message).toBe("This trade was not found; it may have been removed.");
    const bad = await client.get("/api/trades?side=up&minHoldSeconds=-1");
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields).toEqual({
      side: 'Side must be "long" or "short".',
      minHoldSeconds: "Min hold seconds must not be negative.",
    });
    expect(bad.json.error.message).toBe(
      'Side must be "long" or "short". Min hold seconds must not be negative.',
    );
    const reversed = await client.get("/api/trades?from=2025-05-01&to=2025-04-01");
    expect(reversed.json.error.fields).toEqual({ from: "From must be on or before the end date (to)." });
    const account = await client.get("/api/trades?account=U0000000");
    expect(account.json.error.message).toBe("This account was not found among yours.");
    for (const body of [missing, bad, reversed, account])
      expect(body.json.error.message).toMatch(/^[A-Z].*\.$/);
  });
});
