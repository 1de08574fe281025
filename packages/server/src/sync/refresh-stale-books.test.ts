import { encodeTradeBook, parseFlex } from "@closeout/core";
import { generateStatement } from "@closeout/flex-sim";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadAccountBook, replaceAccountBook } from "../db/account-books-repository.ts";
import type { Db } from "../db/database.ts";
import { importFlexData } from "../db/import-flex-data.ts";
import { createUser } from "../db/users-repository.ts";
import { createTestDb, DB_KINDS, dbKindEnabled, releaseTestPostgres } from "../test-support/test-database.ts";
import { rebuildAccountTrades } from "./rebuild-account-trades.ts";
import { refreshStaleBooks } from "./refresh-stale-books.ts";

afterAll(releaseTestPostgres);

const XML = generateStatement({
  seed: 5,
  accounts: 2,
  executions: 600,
  fromDate: "2025-01-02",
  toDate: "2025-12-31",
});

describe.each(DB_KINDS)("refreshStaleBooks on %s", (kind) => {
  let db: Db;
  beforeEach(async () => {
    if (dbKindEnabled(kind)) db = await createTestDb(kind);
  });
  afterEach(async () => {
    if (dbKindEnabled(kind)) await db.close();
  });
  const run = dbKindEnabled(kind) ? it : it.skip;

  run("rebuilds the books of an older engine from the rows, and leaves current ones alone", async () => {
    const user = await createUser(db.kysely, { email: "refresh@example.com", passwordHash: "x" });
    const imported = await importFlexData(db, {
      userId: user.id,
      data: parseFlex(XML),
      rawXml: XML,
      rebuild: rebuildAccountTrades,
    });
    const [stale, current] = imported.accountIds as [string, string];
    const original = encodeTradeBook((await loadAccountBook(db.kysely, stale))!);
    expect(JSON.parse(original).trades.length).toBeGreaterThan(10);
    // One account's book as an older engine left it (wrong content, old engine name); the other is current.
    await replaceAccountBook(db.kysely, stale, { trades: [], openPositions: [], unmatched: [] });
    await db.kysely
      .updateTable("account_books")
      .set({ engine: "0:older-rules" })
      .where("account_id", "=", stale)
      .execute();
    const before = await db.kysely
      .selectFrom("account_books")
      .select("built_at")
      .where("account_id", "=", current)
      .executeTakeFirstOrThrow();

    expect(await refreshStaleBooks(db)).toBe(1);
    expect(encodeTradeBook((await loadAccountBook(db.kysely, stale))!)).toBe(original);
    const after = await db.kysely
      .selectFrom("account_books")
      .select("built_at")
      .where("account_id", "=", current)
      .executeTakeFirstOrThrow();
    expect(after.built_at).toEqual(before.built_at);
    expect(await refreshStaleBooks(db)).toBe(0);
  });

  run("stops between accounts when asked", async () => {
    const user = await createUser(db.kysely, { email: "refresh-stop@example.com", passwordHash: "x" });
    await importFlexData(db, { userId: user.id, data: parseFlex(XML), rawXml: XML });
    // Imported without a rebuild: both accounts have no book.
    let asked = 0;
    expect(await refreshStaleBooks(db, { shouldStop: () => asked++ >= 1 })).toBe(1);
    expect(await refreshStaleBooks(db)).toBe(1);
  });
});
