// Exact stored books (issue #14): what the import stores is exactly what the engine computes from the rows,
// so a restarted server answers from the stored books without running the engine, and only a book of other
// rules (the rules-version marker) is rebuilt. Engine runs are counted by the book cache itself.
import {
  buildReport,
  buildTrades,
  computeStats,
  encodeTradeBook,
  parseFlex,
  selectBaseCurrencyTrades,
} from "@closeout/core";
import { generateStatement } from "@closeout/flex-sim";
import { afterAll, describe, expect, it } from "vitest";
import { BOOK_ENGINE, loadAccountBook } from "../db/account-books-repository.ts";
import { loadAccountFlexData } from "../db/load-account-flex-data.ts";
import { refreshStaleBooks } from "../sync/refresh-stale-books.ts";
import { DB_KINDS, dbKindEnabled, releaseTestPostgres } from "../test-support/test-database.ts";
import { createTestApp, signUp, TestClient } from "./api-test-support.ts";
import { statsToJson } from "./stats-json.ts";
import { createTradeBookCache } from "./trade-book.ts";

afterAll(releaseTestPostgres);

const XML = generateStatement({
  seed: 29,
  accounts: 2,
  executions: 700,
  fromDate: "2025-01-02",
  toDate: "2025-12-31",
});

describe.each(DB_KINDS)("stored books after a restart on %s", (kind) => {
  const test = it.skipIf(!dbKindEnabled(kind));

  test("a restart serves the stored books without the engine; a changed rules version rebuilds them", async () => {
    const t = await createTestApp(kind);
    try {
      const { client } = await signUp(t);
      const res = await client.post("/api/accounts/import", XML, { "Content-Type": "application/xml" });
      expect(res.status).toBe(200);
      const report = buildReport(parseFlex(XML));
      const scope = selectBaseCurrencyTrades(report.trades, report.accounts);
      const core = statsToJson(computeStats(scope.trades, { timeZone: "America/New_York" }));

      /** A new process on the same database: a fresh book cache, the same session cookie. */
      const restart = async () => {
        const books = createTradeBookCache();
        const other = await createTestApp(kind, { db: t.db, books });
        const c = new TestClient(other.app);
        for (const [k, v] of client.cookies) c.cookies.set(k, v);
        return { client: c, books };
      };

      // Exact: every stored book is, byte for byte, what the engine builds from the stored rows.
      const accounts = await t.db.kysely
        .selectFrom("account_books")
        .select(["account_id", "engine"])
        .execute();
      expect(accounts).toHaveLength(2);
      for (const { account_id, engine } of accounts) {
        expect(engine).toBe(BOOK_ENGINE);
        const stored = await loadAccountBook(t.db.kysely, account_id);
        const built = buildTrades(await loadAccountFlexData(t.db.kysely, account_id));
        expect(encodeTradeBook(stored!)).toBe(encodeTradeBook(built));
      }

      const first = await restart();
      const answer = await first.client.get("/api/stats?detail=equity,symbols");
      expect(answer.status).toBe(200);
      expect(coreStatsOf(answer.json.stats)).toEqual(core);
      expect(first.books.stats.engineRuns).toBe(0);
      expect((await first.client.get("/api/trades?limit=3")).json.trades).toHaveLength(3);
      expect(first.books.stats.engineRuns).toBe(0);

      // After an engine change the marker differs: the API rebuilds from the rows (same numbers) …
      await t.db.kysely.updateTable("account_books").set({ engine: "1:older-rules" }).execute();
      const changed = await restart();
      expect(coreStatsOf((await changed.client.get("/api/stats?detail=equity,symbols")).json.stats)).toEqual(
        core,
      );
      expect(changed.books.stats.engineRuns).toBe(2);
      // … and a worker's start-up refresh stores current books again, so the next restart runs no engine.
      expect(await refreshStaleBooks(t.db)).toBe(2);
      const refreshed = await restart();
      expect(
        coreStatsOf((await refreshed.client.get("/api/stats?detail=equity,symbols")).json.stats),
      ).toEqual(core);
      expect(refreshed.books.stats.engineRuns).toBe(0);
    } finally {
      await t.close();
    }
  }, 300_000);
});

/** /api/stats' statistics less the journal's figures (byTag, byTagGroup, r), which core does not compute. */
// biome-ignore lint/suspicious/noExplicitAny: JSON from the API
function coreStatsOf(stats: any): unknown {
  const { byTag: _tags, byTagGroup: _groups, r: _r, ...core } = stats;
  return core;
}
