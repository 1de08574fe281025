// The first-statement shortcut of rebuildAccountTrades (trades built from the parsed statement in memory) must
// store exactly what the general path (every stored row read back) stores: checked on every shared Flex sample
// and on a generated two-account year, by rebuilding again through the general path and comparing.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  buildTrades,
  decodeTradeBook,
  encodeTradeBook,
  mergeFlexData,
  parseFlex,
  tradeToJson,
} from "@closeout/core";
import { generateStatement } from "@closeout/flex-sim";
import { afterAll, describe, expect, vi } from "vitest";
import { loadAccountBook } from "../db/account-books-repository.ts";
import type { Db } from "../db/database.ts";
import { importFlexData } from "../db/import-flex-data.ts";
import { createUser } from "../db/users-repository.ts";
import { DB_KINDS, releaseTestPostgres } from "../test-support/test-database.ts";
import { useTestDb } from "../test-support/use-test-db.ts";
import { startFirstBooks } from "./first-books.ts";
import { type FirstStatement, rebuildAccountTrades } from "./rebuild-account-trades.ts";

afterAll(releaseTestPostgres);

/** The stored book as exact JSON (full-precision Decimals, every leg), for comparing two stored books. */
async function storedBook(db: Db, accountId: string): Promise<string> {
  const book = await loadAccountBook(db.kysely, accountId);
  if (book === null) throw new Error(`no stored book for ${accountId}`);
  return encodeTradeBook(book);
}

const SAMPLES = fileURLToPath(new URL("../../../../../shared/flex-samples/", import.meta.url));
const samples = readdirSync(SAMPLES)
  .filter((f) => f.endsWith(".xml"))
  .sort()
  .map((file) => ({ name: file, xml: readFileSync(`${SAMPLES}${file}`, "utf8") }));
const generated = {
  name: "generated 2 accounts × 3,000 executions",
  xml: generateStatement({
    seed: 11,
    accounts: 2,
    executions: 3_000,
    fromDate: "2025-01-02",
    toDate: "2025-12-31",
  }),
};

describe.each(DB_KINDS)("rebuildAccountTrades on %s", (kind) => {
  const t = useTestDb(kind);
  const run = t.run;

  run("a user's first statement builds from memory the same trades as reading every row back", async () => {
    let fromMemoryUsed = 0;
    let tradesCompared = 0;
    for (const { name, xml } of [...samples, generated]) {
      const data = parseFlex(xml);
      const owner = (
        await createUser(t.db.kysely, {
          email: `${name.length}-${tradesCompared}@x.example`,
          passwordHash: "x",
        })
      ).id;
      const imported = await importFlexData(t.db, {
        userId: owner,
        data,
        rawXml: xml,
        rebuild: (tx, accountIds, first: FirstStatement | null) => {
          if (first !== null) fromMemoryUsed++;
          return rebuildAccountTrades(tx, accountIds, first);
        },
      });
      const fromMemory = await Promise.all(imported.accountIds.map((id) => storedBook(t.db, id)));
      await t.db.kysely.transaction().execute((tx) => rebuildAccountTrades(tx, imported.accountIds, null));
      const readBack = await Promise.all(imported.accountIds.map((id) => storedBook(t.db, id)));
      expect(fromMemory, name).toEqual(readBack);
      tradesCompared += readBack.reduce((n, text) => n + decodeTradeBook(text).trades.length, 0);
      await t.db.kysely.deleteFrom("users").where("id", "=", owner).execute();
    }
    expect(fromMemoryUsed).toBe(samples.length + 1);
    // The comparison is not vacuous: the samples and the generated year close thousands of trades.
    expect(tradesCompared).toBeGreaterThan(500);
  });

  run(
    "a large first statement's books, built on a worker thread, are the books of the general path",
    async () => {
      const data = parseFlex(generated.xml);
      const owner = (await createUser(t.db.kysely, { email: "worker@x.example", passwordHash: "x" })).id;
      let tookFromWorker = 0;
      const warn = vi.spyOn(console, "warn");
      const imported = await importFlexData(t.db, {
        userId: owner,
        data,
        rawXml: generated.xml,
        // Any size goes to the worker here (the product starts one from 20,000 executions).
        onFirstStatement: (first) => startFirstBooks(first, 0),
        rebuild: async (tx, accountIds, first) => {
          if (first === null) throw new Error("expected the user's first statement");
          const packed = await first.started;
          if (packed == null) throw new Error("the worker thread built no books");
          tookFromWorker = packed.size;
          return rebuildAccountTrades(tx, accountIds, { ...first, started: Promise.resolve(packed) });
        },
      });
      expect(tookFromWorker).toBe(2);
      expect(warn).not.toHaveBeenCalled(); // a failed worker would have been replaced by an in-process build
      warn.mockRestore();
      const fromWorker = await Promise.all(imported.accountIds.map((id) => storedBook(t.db, id)));
      await t.db.kysely.transaction().execute((tx) => rebuildAccountTrades(tx, imported.accountIds, null));
      const readBack = await Promise.all(imported.accountIds.map((id) => storedBook(t.db, id)));
      expect(fromWorker).toEqual(readBack);
      expect(readBack.reduce((n, text) => n + decodeTradeBook(text).trades.length, 0)).toBeGreaterThan(100);
    },
  );

  run("a later statement of the same user rebuilds from every stored row", async () => {
    const owner = (await createUser(t.db.kysely, { email: "later@x.example", passwordHash: "x" })).id;
    const firsts: (FirstStatement | null)[] = [];
    const rebuild = (
      tx: Parameters<typeof rebuildAccountTrades>[0],
      ids: readonly string[],
      first: FirstStatement | null,
    ) => {
      firsts.push(first);
      return rebuildAccountTrades(tx, ids, first);
    };
    const older = readFileSync(`${SAMPLES}titov-vv_jal_ibkr_year1.xml`, "utf8");
    const newer = readFileSync(`${SAMPLES}titov-vv_jal_ibkr.xml`, "utf8");
    await importFlexData(t.db, { userId: owner, data: parseFlex(older), rawXml: older, rebuild });
    const second = await importFlexData(t.db, {
      userId: owner,
      data: parseFlex(newer),
      rawXml: newer,
      rebuild,
    });
    expect(firsts.map((f) => f !== null)).toEqual([true, false]);
    // The stitched history of both years, exactly as the offline report of both files builds it.
    const merged = buildTrades(mergeFlexData([parseFlex(older), parseFlex(newer)])).trades;
    for (const [i, ib] of second.accounts.entries()) {
      const stored = await loadAccountBook(t.db.kysely, second.accountIds[i]!);
      const expected = merged.filter((t) => t.accountId === ib);
      expect(stored?.trades.map(tradeToJson), ib).toEqual(expected.map(tradeToJson));
    }
    expect(merged.length).toBeGreaterThan(0);
  });
});
