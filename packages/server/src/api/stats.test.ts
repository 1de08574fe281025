import { createFakeLink } from "../test-support/create-fake-link.ts";
// The API shows the CLI's numbers: an uploaded statement's /api/stats summary equals `closeout report`'s
// (buildReport over the same file), and the public percent profile carries no amount.

import { gunzipSync } from "node:zlib";
import {
  buildReport,
  computeStats,
  createExchangeClock,
  parseFlex,
  reportToJson,
  selectBaseCurrencyTrades,
} from "@closeout/core";
import { generateStatement } from "@closeout/flex-sim";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { replaceAccountBook } from "../db/account-books-repository.ts";
import { importFlexData } from "../db/import-flex-data.ts";
import * as tradeSpan from "../db/migrations/2026-11-30-account-trade-span.ts";
import { TRADE_REBUILD } from "../sync/rebuild-account-trades.ts";
import { DB_KINDS, dbKindEnabled, releaseTestPostgres } from "../test-support/test-database.ts";
import { createTestApp, signUp, type TestApp, TestClient } from "./api-test-support.ts";
import { statsToJson } from "./stats-json.ts";

afterAll(releaseTestPostgres);

const XML = generateStatement({
  seed: 11,
  accounts: 2,
  executions: 400,
  fromDate: "2025-01-02",
  toDate: "2025-12-31",
});

describe.each(DB_KINDS)("stats and trades on %s", (kind) => {
  let t: TestApp;
  beforeEach(async () => {
    if (dbKindEnabled(kind)) t = await createTestApp(kind, { publicMinTrades: 20 });
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

  /** The statement as the user's Flex link would have pulled it (links.test.ts goes through flex-sim). */
  async function withLinkedStatement() {
    const s = await signUp(t);
    const link = await createFakeLink(t.db.kysely, s.user.id);
    await importFlexData(t.db, {
      userId: s.user.id,
      linkId: link.id,
      data: parseFlex(XML),
      rawXml: XML,
      ...TRADE_REBUILD,
    });
    return s;
  }

  test("uploaded statement: summary, trades, positions and unmatched equal buildReport (the CLI path)", async () => {
    const { client } = await withStatement();
    const cli = reportToJson(buildReport(parseFlex(XML)));
    expect(cli.trades.length).toBeGreaterThan(20);

    const stats = await client.get("/api/stats");
    expect(stats.status).toBe(200);
    expect(stats.json.summary).toEqual(cli.summary);
    expect(stats.json.stats.overall.trades).toBe(cli.summary.trades);
    expect(stats.json.stats.maxDrawdownBase).toBe(cli.summary.maxDrawdownBase);

    const all: Record<string, unknown>[] = [];
    let cursor: string | null = null;
    do {
      const page: { json: { trades: Record<string, unknown>[]; nextCursor: string | null } } =
        await client.get(`/api/trades?sort=closedAt&limit=37${cursor ? `&cursor=${cursor}` : ""}`);
      all.push(...page.json.trades);
      cursor = page.json.nextCursor;
    } while (cursor);
    const strip = ({
      id: _i,
      accountRef: _a,
      openedAtExchange: _o,
      closedAtExchange: _c,
      tags: _t,
      r: _r,
      ...rest
    }: Record<string, unknown>) => rest;
    expect(all.map(strip)).toEqual(cli.trades);
    expect((await client.get("/api/positions")).json.openPositions).toEqual(cli.openPositions);
    const unmatched = (await client.get("/api/unmatched")).json.unmatched;
    expect(unmatched.map(({ explanation: _e, ...u }: Record<string, unknown>) => u)).toEqual(cli.unmatched);

    // Re-upload: idempotent.
    const again = await client.post("/api/accounts/import", XML, { "Content-Type": "application/xml" });
    expect(again.json.executionsAdded).toBe(0);
    expect((await client.get("/api/stats")).json.summary).toEqual(cli.summary);
  });

  test("the API serves the stored trade books, and rebuilds from the rows a book built by older rules", async () => {
    const { client } = await withStatement();
    const cli = reportToJson(buildReport(parseFlex(XML)));
    const accounts = await t.db.kysely.selectFrom("account_books").select("account_id").execute();
    expect(accounts).toHaveLength(2);
    // Another process (a fresh book cache) on the same database, signed in with the same session.
    const reopen = async () => {
      const other = await createTestApp(kind, { db: t.db });
      const c = new TestClient(other.app);
      for (const [k, v] of client.cookies) c.cookies.set(k, v);
      return c;
    };
    // An empty book stored by today's engine is what the API shows: it reads the stored books.
    for (const { account_id } of accounts)
      await replaceAccountBook(t.db.kysely, account_id, { trades: [], openPositions: [], unmatched: [] });
    expect((await (await reopen()).get("/api/stats")).json.summary.trades).toBe("0");
    // The same book marked as built by older rules is not served: the trades are rebuilt from the rows.
    await t.db.kysely.updateTable("account_books").set({ engine: "0:older-rules" }).execute();
    expect((await (await reopen()).get("/api/stats")).json.summary).toEqual(cli.summary);
  });

  test("stats equal core's computeStats; the equity curve is per exchange day unless ?detail=equity; ETag → 304", async () => {
    const { client } = await withStatement();
    const report = buildReport(parseFlex(XML));
    const scope = selectBaseCurrencyTrades(report.trades, report.accounts);
    const core = statsToJson(computeStats(scope.trades, { timeZone: "America/New_York" }));

    const full = await client.get("/api/stats?detail=equity,symbols");
    // Beside core's figures, the journal's (none written here: journal-api.test.ts).
    const { byTag, byTagGroup, r, ...coreFigures } = full.json.stats;
    expect(coreFigures).toEqual(core);
    expect([byTag, byTagGroup, r.trades]).toEqual([[], [], "0"]);
    expect(full.json.stats.equityCurveResolution).toBe("trade");
    // Repeated, in another order, or with a name twice: the same answer from the same cache entry.
    const repeated = await client.get("/api/stats?detail=symbols&detail=equity,equity");
    expect(repeated.headers.get("ETag")).toBe(full.headers.get("ETag"));

    const daily = await client.get("/api/stats");
    const {
      equityCurve,
      equityCurveResolution,
      bySymbol: _s,
      byTag: _t,
      byTagGroup: _g,
      r: _rr,
      ...rest
    } = daily.json.stats;
    const { equityCurve: coreCurve, equityCurveResolution: _r, bySymbol: _cs, ...coreRest } = core;
    expect(rest).toEqual(coreRest);
    expect(equityCurveResolution).toBe("day");
    // Each day's last point of core's curve, as computed.
    const dayOf = (iso: string) => createExchangeClock("America/New_York").wallTime(iso).date;
    const closes = coreCurve.filter(
      (p, i) => i === coreCurve.length - 1 || dayOf(coreCurve[i + 1]!.time) !== dayOf(p.time),
    );
    expect(equityCurve).toEqual(closes);
    expect(equityCurve.map((p: { time: string }) => dayOf(p.time))).toEqual(core.daily.map((d) => d.date));
    for (const bad of ["everything", "symbols,", "symbols,equity,trades", "symbol"]) {
      const res = await client.get(`/api/stats?detail=${bad}`);
      expect(res.status, bad).toBe(400);
      expect(Object.keys(res.json.error.fields)).toEqual(["detail"]);
    }

    const etag = daily.headers.get("ETag");
    expect(etag).toMatch(/^".+"$/);
    const again = await client.request("GET", "/api/stats", undefined, { "If-None-Match": etag! });
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
    // Compressed once per version for clients that accept gzip; same JSON, its own validator.
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const gz = await t.app.request("/api/stats", {
      headers: { Cookie: cookie, "Accept-Encoding": "br;q=0, gzip" },
    });
    expect(gz.headers.get("Content-Encoding")).toBe("gzip");
    expect(gz.headers.get("ETag")).not.toBe(etag);
    expect(JSON.parse(gunzipSync(new Uint8Array(await gz.arrayBuffer())).toString("utf8"))).toEqual(
      daily.json,
    );
    // A filter written differently is the same answer.
    const accounts = (await client.get("/api/accounts")).json.accounts;
    const a = await client.get(`/api/stats?symbol=aapl&account=${accounts[0].accountId}`);
    const b = await client.get(`/api/stats?account=${accounts[0].id}&symbol=AAPL`);
    expect(a.headers.get("ETag")).toBe(b.headers.get("ETag"));
  });

  test("bySymbol: the 50 symbols with the most closed trades (ties by symbol) and the count of all; ?detail=symbols → core's every row", async () => {
    const { client } = await withStatement();
    const report = buildReport(parseFlex(XML));
    const scope = selectBaseCurrencyTrades(report.trades, report.accounts);
    const coreRows = computeStats(scope.trades, { timeZone: "America/New_York" }).bySymbol;
    const all = statsToJson(computeStats(scope.trades, { timeZone: "America/New_York" })).bySymbol;
    // The statement has more symbols than the dashboard shows, with ties at the cut.
    expect(coreRows.length).toBeGreaterThan(50);

    const light = (await client.get("/api/stats")).json.stats;
    expect(light.bySymbolTotal).toBe(String(coreRows.length));
    expect(light.bySymbol.length).toBe(50);
    // Chosen by trade count, descending, then symbol; listed in core's order with core's values.
    const ranked = [...coreRows].sort((a, b) => b.trades - a.trades || (a.key < b.key ? -1 : 1));
    const chosen = new Set(ranked.slice(0, 50).map((g) => g.key));
    const cut = ranked[49]!.trades;
    expect(ranked[50]!.trades).toBe(cut); // a tie at the cut, broken by symbol
    expect(light.bySymbol).toEqual(all.filter((g) => chosen.has(g.key)));
    for (const g of light.bySymbol) expect(Number(g.trades)).toBeGreaterThanOrEqual(cut);

    const symbols = await client.get("/api/stats?detail=symbols");
    expect(symbols.json.stats.bySymbol).toEqual(all);
    expect(symbols.json.stats.bySymbolTotal).toBe(String(all.length));
    expect(symbols.json.stats.equityCurveResolution).toBe("day");
    expect(symbols.json.stats.equityCurve).toEqual(light.equityCurve);
    expect(symbols.headers.get("ETag")).not.toBe((await client.get("/api/stats")).headers.get("ETag"));

    // A filter that leaves fewer symbols than the limit: all of them either way.
    const one = light.bySymbol[0].key;
    const filtered = await client.get(`/api/stats?symbol=${encodeURIComponent(one)}`);
    expect(filtered.json.stats.bySymbol.length).toBeGreaterThan(0);
    expect(filtered.json.stats.bySymbol).toEqual(
      (await client.get(`/api/stats?symbol=${encodeURIComponent(one)}&detail=symbols`)).json.stats.bySymbol,
    );
  });

  test("filters: stats of a filter equal the summary of the filtered trades; bad filters → 400 per field", async () => {
    const { client } = await withStatement();
    const wins = await client.get("/api/trades?outcome=win&limit=500");
    const winStats = await client.get("/api/stats?outcome=win");
    expect(winStats.json.summary.trades).toBe(String(wins.json.trades.length));
    expect(winStats.json.summary.losses).toBe("0");
    const accounts = (await client.get("/api/accounts")).json.accounts;
    expect(accounts.length).toBe(2);
    const one = await client.get(
      `/api/trades?account=${accounts[0].id}&side=long&from=2025-03-01&to=2025-06-30&limit=500`,
    );
    for (const tr of one.json.trades) {
      expect(tr.accountId).toBe(accounts[0].accountId);
      expect(tr.side).toBe("long");
      expect(
        tr.closedAtExchange.slice(0, 10) >= "2025-03-01" && tr.closedAtExchange.slice(0, 10) <= "2025-06-30",
      ).toBe(true);
    }
    const bad = await client.get("/api/stats?from=2025-13-45&side=up&minHoldSeconds=-1");
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(["from", "minHoldSeconds", "side"]);
    expect((await client.get("/api/trades?account=U0000000")).status).toBe(404);
  });

  test("accounts list each account's first and last execution time, kept through later imports", async () => {
    const { client } = await withStatement();
    const spanOf = (xml: string) => {
      const span = new Map<string, { first: string; last: string }>();
      for (const e of parseFlex(xml).executions) {
        const s = span.get(e.accountId) ?? { first: e.time, last: e.time };
        span.set(e.accountId, {
          first: Date.parse(e.time) < Date.parse(s.first) ? e.time : s.first,
          last: Date.parse(e.time) > Date.parse(s.last) ? e.time : s.last,
        });
      }
      return span;
    };
    type Row = { accountId: string; firstTradeAt: string; lastTradeAt: string };
    const listed = async () =>
      new Map(
        ((await client.get("/api/accounts")).json.accounts as Row[]).map((a) => [
          a.accountId,
          { first: a.firstTradeAt, last: a.lastTradeAt },
        ]),
      );
    const iso = (t: string) => new Date(t).toISOString();
    const expected = spanOf(XML);
    expect(expected.size).toBe(2);
    const shown = await listed();
    for (const [ib, s] of expected) expect(shown.get(ib)).toEqual({ first: iso(s.first), last: iso(s.last) });

    // A later quarter of the same accounts moves only the last times. (The generator reuses transaction ids
    // across runs with one seed, so some of these rows count as stored already: the backfill below checks
    // that the kept times are exactly those of the rows that are stored.)
    const later = generateStatement({
      seed: 11,
      accounts: 2,
      executions: 100,
      fromDate: "2026-01-02",
      toDate: "2026-03-31",
    });
    const res = await client.post("/api/accounts/import", later, { "Content-Type": "application/xml" });
    expect(res.status).toBe(200);
    expect(res.json.executionsAdded).toBeGreaterThan(0);
    const after = await listed();
    for (const [ib, s] of expected) {
      expect(after.get(ib)?.first).toBe(iso(s.first));
      expect(after.get(ib)!.last >= iso(s.last)).toBe(true);
    }
    expect([...after.values()].some((s) => s.last.startsWith("2026-"))).toBe(true);

    // The migration's backfill gives the same times from the stored executions.
    await t.db.kysely.updateTable("accounts").set({ first_trade_at: null, last_trade_at: null }).execute();
    await t.db.kysely.transaction().execute(async (tx) => {
      await tradeSpan.down(tx as never);
      await tradeSpan.up(tx as never);
    });
    expect(await listed()).toEqual(after);
  });

  test("trade detail has executions in UTC and exchange time; CSV export", async () => {
    const { client } = await withStatement();
    const list = await client.get("/api/trades?limit=1&sort=-pnl");
    const id = list.json.trades[0].id;
    const detail = await client.get(`/api/trades/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.json.trade.id).toBe(id);
    const e = detail.json.executions[0];
    expect(e.time).toMatch(/Z$/);
    expect(e.timeExchange).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-0[45]:00$/);
    expect(Date.parse(e.timeExchange)).toBe(Date.parse(e.time));
    // Every execution leg carries what only the stored row has (found by its key).
    type Leg = { synthetic: string | null; buySell: string | null; tradeDate: string | null };
    const real = (detail.json.executions as Leg[]).filter((x) => x.synthetic === null);
    expect(real.length).toBeGreaterThan(0);
    for (const x of real) {
      expect(x.buySell).toMatch(/^(BUY|SELL)/);
      expect(x.tradeDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const csv = await client.get("/api/trades.csv?outcome=loss");
    expect(csv.headers.get("Content-Type")).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split("\r\n");
    expect(lines[0]).toMatch(/^id,accountId,symbol,/);
    expect(lines.length - 1).toBe(Number((await client.get("/api/stats?outcome=loss")).json.summary.trades));
  });

  test("public profile: off → 404; percent → ratios only, no amount, quantity or account id; full adds the summary", async () => {
    const { client } = await withLinkedStatement();
    const accounts = (await client.get("/api/accounts")).json.accounts as { accountId: string }[];
    expect((await new TestClient(t.app).get("/api/public/nobody")).status).toBe(404);
    await client.put("/api/me/profile", { publicProfile: "percent", handle: "ann" });
    const res = await new TestClient(t.app).get("/api/public/ann");
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      handle: "ann",
      mode: "percent",
      verified: true,
      verifiedSince: "2025-01-02",
      uploadsLeftOut: false,
      enoughTrades: true,
      summary: null,
    });
    const forbiddenKey =
      /pnl|profitbase|lossbase|drawdown|quantity|price|amount|account|fees|equity|commission|cash|base$/i;
    const walk = (value: unknown, path: string) => {
      if (Array.isArray(value)) {
        value.forEach((v, i) => {
          walk(v, `${path}[${i}]`);
        });
      } else if (value && typeof value === "object") {
        for (const [k, v] of Object.entries(value)) {
          expect(k, `${path}.${k}`).not.toMatch(forbiddenKey);
          walk(v, `${path}.${k}`);
        }
      } else if (typeof value === "string") {
        for (const a of accounts) expect(value).not.toContain(a.accountId);
      }
    };
    walk(res.json, "$");
    await client.put("/api/me/profile", { publicProfile: "full", handle: "ann" });
    const full = await new TestClient(t.app).get("/api/public/ann");
    expect(full.json.summary.netPnlBase).toBeTruthy();
    await client.put("/api/me/profile", { publicProfile: "off", handle: "ann" });
    expect((await new TestClient(t.app).get("/api/public/ann")).status).toBe(404);
  });

  test("public profile below the minimum trade count shows no figures", async () => {
    const { client } = await signUp(t);
    await client.put("/api/me/profile", { publicProfile: "percent", handle: "newbie" });
    const res = await new TestClient(t.app).get("/api/public/newbie");
    expect(res.json).toMatchObject({ enoughTrades: false, profile: null, minTrades: 20, trades: "0" });
  });

  test("uploads: not XML → 400 with the parser's code; an account another user's link holds → 409 naming nobody, nothing imported", async () => {
    const a = await withLinkedStatement();
    const bad = await a.client.post("/api/accounts/import", "<not closed", {
      "Content-Type": "application/xml",
    });
    expect(bad.status).toBe(400);
    const b = await signUp(t);
    const conflict = await b.client.post("/api/accounts/import", XML, { "Content-Type": "application/xml" });
    expect(conflict.status).toBe(409);
    expect(conflict.json.error.code).toBe("account-held-by-link");
    expect(conflict.text).not.toMatch(/U\d{7}/);
    expect(conflict.text).not.toContain(a.email);
    expect((await b.client.get("/api/accounts")).json.accounts).toEqual([]);
  });
});
