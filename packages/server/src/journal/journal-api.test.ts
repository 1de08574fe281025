// The journal through HTTP (app.request, real database): write a trade's note, tags and risk, read them back
// with R, filter every list and the statistics by tag, day notes, tag suggestions, validation that changes
// nothing, owners only, and the write limits.
import { Decimal } from "@closeout/core";
import { generateStatement } from "@closeout/flex-sim";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, signUp, type TestApp, TestClient } from "../api/api-test-support.ts";
import { DB_KINDS, dbKindEnabled, releaseTestPostgres } from "../test-support/test-database.ts";

afterAll(releaseTestPostgres);

const XML = generateStatement({
  seed: 7,
  accounts: 1,
  executions: 160,
  fromDate: "2025-01-02",
  toDate: "2025-06-30",
});

interface TradeRow {
  id: string;
  side: string;
  realizedPnl: string;
  realizedPnlBase: string;
  closedAtExchange: string;
}

describe.each(DB_KINDS)("journal API on %s", (kind) => {
  let t: TestApp;
  beforeEach(async () => {
    if (dbKindEnabled(kind))
      t = await createTestApp(kind, { journalWritesPerMinute: 40, journalMaxChars: 60_000 });
  });
  afterEach(async () => {
    if (dbKindEnabled(kind)) await t.close();
  });
  const test = it.skipIf(!dbKindEnabled(kind));

  async function withTrades() {
    const s = await signUp(t);
    const res = await s.client.post("/api/accounts/import", XML, { "Content-Type": "application/xml" });
    expect(res.status).toBe(200);
    const list = await s.client.get("/api/trades?limit=500&sort=closedAt");
    const trades = list.json.trades as TradeRow[];
    expect(trades.length).toBeGreaterThan(10);
    return { ...s, trades };
  }

  test("a note, tags and a planned risk come back with R = realizedPnl / risk, exactly", async () => {
    const { client, trades } = await withTrades();
    const trade = trades[3]!;
    const put = await client.put(`/api/trades/${trade.id}/journal`, {
      note: "# Plan\nwaited for the **open**",
      tags: ["Breakout", " setup:Pull  Back "],
      plannedRisk: "100",
    });
    expect(put.status).toBe(200);
    const r = new Decimal(trade.realizedPnl).div(100).toDecimalPlaces(6).toFixed();
    expect(put.json.journal).toMatchObject({
      note: "# Plan\nwaited for the **open**",
      tags: ["breakout", "setup:pull-back"],
      plannedRisk: "100",
      riskSource: "amount",
      r: r === "-0" ? "0" : r,
    });
    const got = await client.get(`/api/trades/${trade.id}`);
    expect(got.json.journal).toEqual(put.json.journal);
    // A trade without an entry has an empty journal and no R until a default risk is set.
    const other = trades[5]!;
    expect((await client.get(`/api/trades/${other.id}`)).json.journal).toMatchObject({
      note: "",
      tags: [],
      r: null,
    });
    expect((await client.put("/api/journal/settings", { defaultRisk: "50", publicTags: [] })).status).toBe(
      200,
    );
    expect((await client.get(`/api/trades/${other.id}`)).json.journal).toMatchObject({
      plannedRisk: "50",
      riskSource: "default",
      r: new Decimal(other.realizedPnlBase).div(50).toDecimalPlaces(6).toFixed(),
    });
    // Cleared: everything empty deletes the entry.
    const cleared = await client.put(`/api/trades/${trade.id}/journal`, { note: "", tags: [] });
    expect(cleared.json.journal).toMatchObject({ note: "", tags: [], entries: 0, riskSource: "default" });
  });

  test("a stop price gives the risk the opening fills would lose; a stop on the wrong side is refused", async () => {
    const { client, trades } = await withTrades();
    const trade = trades.find((x) => x.side === "long")!;
    const detail = (await client.get(`/api/trades/${trade.id}`)).json;
    const opens = (
      detail.executions as { opening: boolean; price: string; quantity: string; multiplier: string }[]
    ).filter((e) => e.opening);
    const lowest = opens.map((e) => new Decimal(e.price)).reduce((a, b) => Decimal.min(a, b));
    const stop = lowest.minus("0.5");
    const risk = opens.reduce(
      (sum, e) => sum.plus(new Decimal(e.price).minus(stop).times(e.quantity).times(e.multiplier)),
      new Decimal(0),
    );
    const put = await client.put(`/api/trades/${trade.id}/journal`, { stopPrice: stop.toFixed() });
    expect(put.status).toBe(200);
    expect(put.json.journal).toMatchObject({
      stopPrice: stop.toFixed(),
      plannedRisk: risk.toFixed(),
      riskSource: "stop",
    });
    const wrong = await client.put(`/api/trades/${trade.id}/journal`, {
      stopPrice: lowest.plus(100000).toFixed(),
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.fields.stopPrice).toMatch(/below/);
  });

  test("the tag filter (any, all, none, group) applies to the list, CSV and stats; byTag has the same figures", async () => {
    const { client, trades } = await withTrades();
    const [a, b, c] = [trades[1]!, trades[2]!, trades[7]!];
    await client.put(`/api/trades/${a.id}/journal`, { tags: ["breakout", "setup:flag"], plannedRisk: "100" });
    await client.put(`/api/trades/${b.id}/journal`, { tags: ["breakout"], plannedRisk: "40" });
    await client.put(`/api/trades/${c.id}/journal`, { tags: ["mistake:late"], note: "chased" });

    const ids = async (q: string) =>
      ((await client.get(`/api/trades?limit=500&${q}`)).json.trades as TradeRow[]).map((x) => x.id).sort();
    expect(await ids("tag=breakout")).toEqual([a.id, b.id].sort());
    expect(await ids("tag=Breakout,mistake:late")).toEqual([a.id, b.id, c.id].sort());
    expect(await ids("tagAll=breakout,setup:flag")).toEqual([a.id]);
    expect(await ids("tag=setup:*")).toEqual([a.id]);
    expect((await ids("tagNone=breakout")).length).toBe(trades.length - 2);
    expect(await ids("tag=nothing-like-it")).toEqual([]);

    const listed = (await client.get(`/api/trades?limit=500&tag=breakout`)).json.trades;
    expect(listed.map((x: { tags: string[] }) => x.tags)).toContainEqual(["breakout", "setup:flag"]);

    const csv = (await client.get("/api/trades.csv?tag=breakout")).text.trim().split("\r\n");
    expect(csv).toHaveLength(3);
    expect(csv[0]!.endsWith(",tags,r")).toBe(true);

    const only = (await client.get("/api/stats?tag=breakout")).json;
    expect(only.summary.trades).toBe("2");
    const all = (await client.get("/api/stats")).json.stats;
    const row = all.byTag.find((g: { key: string }) => g.key === "breakout");
    const { r, ...figures } = row;
    expect(figures).toEqual({ ...only.stats.overall, key: "breakout", label: "breakout" });
    const expectedR = new Decimal(a.realizedPnl).div(100).plus(new Decimal(b.realizedPnl).div(40)).div(2);
    expect(r.averageR).toBe(expectedR.toDecimalPlaces(6).toFixed());
    expect(r.trades).toBe("2");
    expect(all.byTagGroup.map((g: { key: string; trades: string }) => [g.key, g.trades])).toEqual([
      ["mistake", "1"],
      ["setup", "1"],
    ]);
    expect(all.r.trades).toBe("2");
  });

  test("bad input is refused with a field message and changes nothing", async () => {
    const { client, trades } = await withTrades();
    const id = trades[0]!.id;
    await client.put(`/api/trades/${id}/journal`, { note: "kept", tags: ["a"] });
    const bad: [unknown, string][] = [
      [{ note: "x".repeat(20_001) }, "note"],
      [{ tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, "tags"],
      [{ tags: ["a:b:c"] }, "tags"],
      [{ tags: ["<script>"] }, "tags"],
      [{ tags: ["x".repeat(41)] }, "tags"],
      [{ plannedRisk: 100 }, "plannedRisk"],
      [{ plannedRisk: "1e5" }, "plannedRisk"],
      [{ plannedRisk: "0" }, "plannedRisk"],
      [{ plannedRisk: "-5" }, "plannedRisk"],
      [{ plannedRisk: "10", stopPrice: "5" }, "stopPrice"],
      [{ note: "x", owner: "someone" }, "body"],
    ];
    for (const [body, field] of bad) {
      const res = await client.put(`/api/trades/${id}/journal`, body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(Object.keys(res.json.error.fields)).toContain(field);
    }
    const max = await client.put(`/api/trades/${id}/journal`, { note: "é".repeat(20_000) });
    expect(max.status).toBe(200);
    await client.put(`/api/trades/${id}/journal`, { note: "kept", tags: ["a"] });
    expect((await client.get(`/api/trades/${id}`)).json.journal).toMatchObject({ note: "kept", tags: ["a"] });
    // Without the CSRF token, or for an unknown trade, nothing is written.
    const noCsrf = new TestClient(t.app, { csrf: false });
    noCsrf.cookies.set("closeout_session", client.cookies.get("closeout_session") ?? "");
    expect((await noCsrf.put(`/api/trades/${id}/journal`, { note: "forged" })).status).toBe(403);
    expect((await client.put("/api/trades/nope/journal", { note: "x" })).status).toBe(404);
    expect((await client.get(`/api/trades/${id}`)).json.journal.note).toBe("kept");
  });

  test("another user can neither read nor write a journal, and sees none of its tags", async () => {
    const { client, trades } = await withTrades();
    const id = trades[0]!.id;
    await client.put(`/api/trades/${id}/journal`, { note: "private", tags: ["secret-setup"] });
    const other = await signUp(t);
    expect((await other.client.get(`/api/trades/${id}`)).status).toBe(404);
    expect((await other.client.put(`/api/trades/${id}/journal`, { note: "mine" })).status).toBe(404);
    expect((await other.client.get("/api/journal/tags")).json.tags).toEqual([]);
    expect((await other.client.get("/api/journal/orphans")).json.count).toBe(0);
    expect((await client.get(`/api/trades/${id}`)).json.journal.note).toBe("private");
  });

  test("day notes live under /api/journal/:date with that day's trades; suggestions come from own tags", async () => {
    const { client, trades } = await withTrades();
    const trade = trades[4]!;
    const date = trade.closedAtExchange.slice(0, 10);
    await client.put(`/api/trades/${trade.id}/journal`, { tags: ["breakout", "break-even"] });
    const put = await client.put(`/api/journal/${date}`, { note: "choppy open, sat on hands" });
    expect(put.status).toBe(200);
    const day = await client.get(`/api/journal/${date}`);
    expect(day.json.note).toBe("choppy open, sat on hands");
    const dayIds = day.json.trades.map((x: { id: string }) => x.id);
    expect(dayIds).toContain(trade.id);
    expect(dayIds).toEqual(trades.filter((x) => x.closedAtExchange.startsWith(date)).map((x) => x.id));
    expect(day.json.trades.find((x: { id: string }) => x.id === trade.id).journal.tags).toEqual([
      "break-even",
      "breakout",
    ]);
    expect((await client.get("/api/journal/2025-02-30")).status).toBe(400);
    expect(
      (await client.get("/api/journal/tags?q=break")).json.tags.map((x: { tag: string }) => x.tag),
    ).toEqual(["break-even", "breakout"]);
  });

  test("abuse: writes past the per-minute limit get 429, notes past the user's quota 413, nothing stored", async () => {
    const { client, trades } = await withTrades();
    // The quota (60,000 characters in this app) holds two full notes, not three.
    expect(
      (await client.put(`/api/trades/${trades[0]!.id}/journal`, { note: "a".repeat(20_000) })).status,
    ).toBe(200);
    expect((await client.put("/api/journal/2025-03-03", { note: "b".repeat(20_000) })).status).toBe(200);
    expect((await client.put("/api/journal/2025-03-04", { note: "c".repeat(19_999) })).status).toBe(200);
    const full = await client.put(`/api/trades/${trades[1]!.id}/journal`, { note: "d".repeat(10) });
    expect(full.status).toBe(413);
    expect((await client.get(`/api/trades/${trades[1]!.id}`)).json.journal.note).toBe("");
    // Replacing a note counts only the difference.
    expect(
      (await client.put(`/api/trades/${trades[0]!.id}/journal`, { note: "a".repeat(20_001 - 2) })).status,
    ).toBe(200);

    let limited = null;
    for (let i = 0; i < 45 && limited === null; i++) {
      const res = await client.put(`/api/trades/${trades[2]!.id}/journal`, { tags: [`t${i}`] });
      if (res.status === 429) limited = { i, res };
      else expect(res.status).toBe(200);
    }
    expect(limited).not.toBeNull();
    expect(limited!.res.headers.get("Retry-After")).toMatch(/^\d+$/);
    const seen = (await client.get(`/api/trades/${trades[2]!.id}`)).json.journal.tags[0];
    expect(seen).toBe(`t${limited!.i - 1}`);
  });
});
