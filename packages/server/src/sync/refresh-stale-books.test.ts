import { encodeTradeBook, parseFlex } from "@closeout/core";
import { generateStatement } from "@closeout/flex-sim";
import { afterAll, describe, expect } from "vitest";
import { loadAccountBook, replaceAccountBook } from "../db/account-books-repository.ts";
import { importFlexData } from "../db/import-flex-data.ts";
import { createUser } from "../db/users-repository.ts";
import { DB_KINDS, releaseTestPostgres } from "../test-support/test-database.ts";
import { useTestDb } from "../test-support/use-test-db.ts";
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
  const t = useTestDb(kind);
  const run = t.run;

  run("rebuilds the books of an older engine from the rows, and leaves current ones alone", async () => {
    const user = await createUser(t.db.kysely, { email: "refresh@example.com", passwordHash: "x" });
    const imported = await importFlexData(t.db, {
      userId: user.id,
      data: parseFlex(XML),
      rawXml: XML,
      rebuild: rebuildAccountTrades,
    });
    const [stale, current] = imported.accountIds as [string, string];
    const original = encodeTradeBook((await loadAccountBook(t.db.kysely, stale))!);
    expect(JSON.parse(original).trades.length).toBeGreaterThan(10);
    // One account's book as an older engine left it (wrong content, old engine name); the other is current.
    await replaceAccountBook(t.db.kysely, stale, { trades: [], openPositions: [], unmatched: [] });
    await t.db.kysely
      .updateTable("account_books")
      .set({ engine: "0:older-rules" })
      .where("account_id", "=", stale)
      .execute();
    const before = await t.db.kysely
      .selectFrom("account_books")
      .select("built_at")
      .where("account_id", "=", current)
      .executeTakeFirstOrThrow();

    expect(await refreshStaleBooks(t.db)).toBe(1);
    expect(encodeTradeBook((await loadAccountBook(t.db.kysely, stale))!)).toBe(original);
    const after = await t.db.kysely
      .selectFrom("account_books")
      .select("built_at")
      .where("account_id", "=", current)
      .executeTakeFirstOrThrow();
    expect(after.built_at).toEqual(before.built_at);
    expect(await refreshStaleBooks(t.db)).toBe(0);
  });

  run("stops between accounts when asked", async () => {
    const user = await createUser(t.db.kysely, { email: "refresh-stop@example.com", passwordHash: "x" });
    await importFlexData(t.db, { userId: user.id, data: parseFlex(XML), rawXml: XML });
    // Imported without a rebuild: both accounts have no book.
    let asked = 0;
    expect(await refreshStaleBooks(t.db, { shouldStop: () => asked++ >= 1 })).toBe(1);
    expect(await refreshStaleBooks(t.db)).toBe(1);
  });
});
