// The trade-book cache is bounded by an estimate of its books' heap size (their encoding's length times
// HEAP_PER_ENCODED_BYTE), least recently used out first, and keeps no book larger than its whole budget.
import { buildTrades, encodeTradeBook, parseFlex } from "@closeout/core";
import { generateStatement } from "@closeout/flex-sim";
import { afterAll, describe, expect } from "vitest";
import { loadAccountBookSized } from "../db/account-books-repository.ts";
import type { Db } from "../db/database.ts";
import { importFlexData } from "../db/import-flex-data.ts";
import { loadAccountFlexData } from "../db/load-account-flex-data.ts";
import { createUser } from "../db/users-repository.ts";
import { TRADE_REBUILD } from "../sync/rebuild-account-trades.ts";
import { DB_KINDS, releaseTestPostgres } from "../test-support/test-database.ts";
import { useTestDb } from "../test-support/use-test-db.ts";
import { createTradeBookCache, HEAP_PER_ENCODED_BYTE } from "./trade-book.ts";

afterAll(releaseTestPostgres);

const statement = (seed: number, executions: number) =>
  generateStatement({ seed, accounts: 1, executions, fromDate: "2025-01-02", toDate: "2025-12-31" });
const SMALL_A = statement(11, 120);
const SMALL_B = statement(12, 120);
const LARGE = statement(13, 600);

async function userWith(db: Db, name: string, xml: string): Promise<string> {
  const user = await createUser(db.kysely, { email: `${name}@example.com`, passwordHash: "!" });
  await importFlexData(db, { userId: user.id, data: parseFlex(xml), rawXml: xml, ...TRADE_REBUILD });
  return user.id;
}

/** The estimate of one user's book, as a cache with room for it weighs it. */
async function weigh(db: Db, userId: string): Promise<number> {
  const cache = createTradeBookCache();
  await cache.load(db.kysely, userId);
  return cache.stats.bytes;
}

describe.each(DB_KINDS)("trade-book cache bytes on %s", (kind) => {
  const t = useTestDb(kind);

  t.run("weighs a book by its encoding, the same whether stored or rebuilt from the rows", async () => {
    const a = await userWith(t.db, "a", SMALL_A);
    const account = await t.db.kysely
      .selectFrom("accounts")
      .select("id")
      .where("user_id", "=", a)
      .executeTakeFirstOrThrow();
    const stored = await loadAccountBookSized(t.db.kysely, account.id);
    expect(stored).not.toBeNull();
    const expected = stored!.encodedBytes * HEAP_PER_ENCODED_BYTE;
    expect(await weigh(t.db, a)).toBe(expected);
    // Without a stored book the cache rebuilds from the rows and weighs what it built.
    await t.db.kysely.deleteFrom("account_books").execute();
    const rebuilt = buildTrades(await loadAccountFlexData(t.db.kysely, account.id));
    expect(Buffer.byteLength(encodeTradeBook(rebuilt)) * HEAP_PER_ENCODED_BYTE).toBe(expected);
    expect(await weigh(t.db, a)).toBe(expected);
  });

  t.run("evicts the least recently used books once the bytes exceed the budget", async () => {
    const a = await userWith(t.db, "a", SMALL_A);
    const b = await userWith(t.db, "b", SMALL_B);
    const c = await userWith(t.db, "c", LARGE);
    const [wa, wb, wc] = [await weigh(t.db, a), await weigh(t.db, b), await weigh(t.db, c)];
    expect(wc).toBeGreaterThan(2 * Math.max(wa, wb));
    // Any two fit, all three do not; the count bound is far away.
    const cache = createTradeBookCache({ capacity: 100, maxBytes: wa + wb + wc - 1 });
    await cache.load(t.db.kysely, a);
    await cache.load(t.db.kysely, b);
    expect(cache.stats).toMatchObject({ entries: 2, bytes: wa + wb });
    await cache.load(t.db.kysely, a); // a is now the most recently used
    await cache.load(t.db.kysely, c);
    expect([cache.holds(a), cache.holds(b), cache.holds(c)]).toEqual([true, false, true]);
    expect(cache.stats).toMatchObject({ entries: 2, bytes: wa + wc });
    // b comes back and pushes out the least recently used, a.
    await cache.load(t.db.kysely, b);
    expect([cache.holds(a), cache.holds(b), cache.holds(c)]).toEqual([false, true, true]);
    expect(cache.stats.bytes).toBe(wb + wc);
    cache.forget(c);
    expect(cache.stats).toMatchObject({ entries: 1, bytes: wb });
  });

  t.run("serves a book larger than the whole budget without keeping it", async () => {
    const a = await userWith(t.db, "a", SMALL_A);
    const c = await userWith(t.db, "c", LARGE);
    const wa = await weigh(t.db, a);
    const wc = await weigh(t.db, c);
    const cache = createTradeBookCache({ maxBytes: wc - 1 });
    await cache.load(t.db.kysely, a);
    const big = await cache.load(t.db.kysely, c);
    expect(big.trades.length).toBeGreaterThan(0);
    expect(cache.holds(c)).toBe(false);
    // Making room for c emptied the cache; c itself did not fit either.
    expect(cache.stats).toMatchObject({ entries: 0, bytes: 0 });
    await cache.load(t.db.kysely, a);
    expect(cache.stats).toMatchObject({ entries: 1, bytes: wa });
  });
});
