// A journal entry follows the trade holding its executions through each way trades are rebuilt — a sync of
// newer data, an older statement that extends or joins trades (or dissolves them: orphans), and a change of
// trade rules — on both databases, through the real import and its rebuild step.
import { buildTrades, Decimal, type Execution, type FlexData } from "@closeout/core";
import { afterAll, describe, expect } from "vitest";
import { createTradeBookCache, type TradeBook } from "../api/trade-book.ts";
import { replaceAccountBook } from "../db/account-books-repository.ts";
import { findAccountByIbId } from "../db/accounts-repository.ts";
import { importFlexData } from "../db/import-flex-data.ts";
import { createUser } from "../db/users-repository.ts";
import { TRADE_REBUILD } from "../sync/rebuild-account-trades.ts";
import { fixtureExecution, fixtureFlexData, fixtureXml } from "../test-support/flex-fixtures.ts";
import { DB_KINDS, releaseTestPostgres } from "../test-support/test-database.ts";
import { useTestDb } from "../test-support/use-test-db.ts";
import { attachJournal } from "./attach-journal.ts";
import {
  type JournalContent,
  listJournalEntries,
  loadJournalSettings,
  saveTradeJournal,
} from "./journal-repository.ts";

afterAll(releaseTestPostgres);

/** A statement of AAPL executions `n` (time 14:30 UTC + n minutes), each +100 or -100 shares as given. */
function statement(fills: Record<number, "+" | "-">, toDate = "2025-12-31"): FlexData {
  const base = fixtureFlexData({ executions: [], toDate, withOpenPositions: false });
  const executions: Execution[] = Object.entries(fills).map(([n, sign]) =>
    fixtureExecution({ n: Number(n), quantity: sign === "+" ? "100" : "-100" }),
  );
  return { ...base, executions };
}

const note = (text: string, tags: string[], risk: string | null = null): JournalContent => ({
  note: text,
  tags,
  plannedRisk: risk === null ? null : new Decimal(risk),
  stopPrice: null,
});

const idsOf = (book: TradeBook) => book.trades.map((t) => t.trade.executionIds.join(","));

describe.each(DB_KINDS)("the journal across rebuilds on %s", (kind) => {
  const t = useTestDb(kind);
  const setup = async () => {
    const db = t.db.kysely;
    const userId = (await createUser(db, { email: "j@example.com", passwordHash: "x" })).id;
    const importData = (data: FlexData) =>
      importFlexData(t.db, { userId, data, rawXml: fixtureXml(data), ...TRADE_REBUILD });
    const books = createTradeBookCache();
    const journal = async (book: TradeBook) =>
      attachJournal(book, await listJournalEntries(db, userId), await loadJournalSettings(db, userId));
    const tradeWith = (book: TradeBook, execId: string) => {
      const found = book.trades.find((x) => x.trade.executionIds.includes(execId));
      if (!found) throw new Error(`no trade holds ${execId}`);
      return found;
    };
    return { db, userId, importData, books, journal, tradeWith };
  };

  t.run("a sync that adds newer trades keeps the note on the trade with the same executions", async () => {
    const { db, userId, importData, books, journal, tradeWith } = await setup();
    await importData(statement({ 2: "+", 3: "-" }, "2025-06-30"));
    const before = await books.load(db, userId);
    const traded = tradeWith(before, "10002");
    await saveTradeJournal(db, userId, traded, [], note("waited for the open", ["Breakout"], "100"));

    await importData(statement({ 2: "+", 3: "-", 4: "+", 5: "-" }, "2025-07-31"));
    const after = await books.load(db, userId);
    expect(after.version).not.toBe(before.version);
    expect(idsOf(after)).toEqual(["10002,10003", "10004,10005"]);
    const j = await journal(after);
    expect(j.of(tradeWith(after, "10002"))).toMatchObject({
      note: "waited for the open",
      tags: ["Breakout"],
    });
    expect(j.of(tradeWith(after, "10002")).r?.toFixed()).toBe(
      tradeWith(after, "10002").trade.realizedPnl.div(100).toFixed(),
    );
    expect(j.of(tradeWith(after, "10004")).entryIds).toEqual([]);
    expect(j.orphans).toEqual([]);
  });

  t.run("an older statement that joins two trades into one carries both notes on it", async () => {
    const { db, userId, importData, books, journal, tradeWith } = await setup();
    // Alone, this statement closes 2-3 and 4-5; 6 closes nothing it knows of (unmatched).
    await importData(statement({ 2: "+", 3: "-", 4: "+", 5: "-", 6: "-" }));
    const before = await books.load(db, userId);
    expect(idsOf(before)).toEqual(["10002,10003", "10004,10005"]);
    await saveTradeJournal(db, userId, tradeWith(before, "10002"), [], note("first leg", ["setup:pullback"]));
    await saveTradeJournal(db, userId, tradeWith(before, "10004"), [], note("second leg", ["mistake:late"]));

    // The older statement shows 100 shares bought before: the position never went flat until 6.
    await importData(statement({ 1: "+" }, "2025-01-14"));
    const after = await books.load(db, userId);
    expect(idsOf(after)).toEqual(["10001,10002,10003,10004,10005,10006"]);
    const joined = tradeWith(after, "10006");
    const j = await journal(after);
    expect(j.of(joined)).toMatchObject({
      note: "first leg\n\nsecond leg",
      tags: ["mistake:late", "setup:pullback"],
    });
    expect(j.of(joined).entryIds).toHaveLength(2);
    expect(j.orphans).toEqual([]);

    // Saving the merged journal folds the two entries into one, attached to the whole trade.
    const saved = await saveTradeJournal(
      db,
      userId,
      joined,
      j.of(joined).entryIds,
      note("one trade", ["setup:pullback"]),
    );
    const entries = await listJournalEntries(db, userId);
    expect(entries.map((e) => e.id)).toEqual([saved!.id]);
    expect(entries[0]!.executionIds).toEqual(["10001", "10002", "10003", "10004", "10005", "10006"]);
  });

  t.run("an older statement that leaves no trade keeps the notes as orphans with their trade", async () => {
    const { db, userId, importData, books, journal, tradeWith } = await setup();
    await importData(statement({ 2: "+", 3: "-", 4: "+", 5: "-" }));
    const before = await books.load(db, userId);
    await saveTradeJournal(db, userId, tradeWith(before, "10002"), [], note("kept", ["a"], "50"));
    await saveTradeJournal(db, userId, tradeWith(before, "10004"), [], note("kept too", ["b"]));

    // 100 shares bought earlier and never sold: nothing is closed any more.
    await importData(statement({ 1: "+" }, "2025-01-14"));
    const after = await books.load(db, userId);
    expect(after.trades).toEqual([]);
    const j = await journal(after);
    expect(j.orphans.map((o) => [o.note, o.tags, o.anchor.symbol, o.executionIds])).toEqual([
      ["kept", ["a"], "AAPL", ["10002", "10003"]],
      ["kept too", ["b"], "AAPL", ["10004", "10005"]],
    ]);
    expect(j.orphans[0]!.plannedRisk?.toFixed()).toBe("50");
    expect(j.orphans[0]!.anchor.tradeId).toBe(tradeWith(before, "10002").id);
  });

  t.run("new trade rules rebuild the book and the notes follow the executions", async () => {
    const { db, userId, importData, journal, tradeWith } = await setup();
    const full = statement({ 1: "+", 2: "+", 3: "-", 4: "+", 5: "-", 6: "-" });
    const { accountIds } = await importData(full);
    // The book stored by older rules ("rules-v0"), which (standing for a rules difference) left out 1 and 6.
    const older = buildTrades(statement({ 2: "+", 3: "-", 4: "+", 5: "-" }));
    await replaceAccountBook(db, accountIds[0]!, older, "rules-v0");
    const oldRules = createTradeBookCache({ engine: "rules-v0" });
    const before = await oldRules.load(db, userId);
    expect(idsOf(before)).toEqual(["10002,10003", "10004,10005"]);
    await saveTradeJournal(db, userId, tradeWith(before, "10002"), [], note("one", ["x"]));
    await saveTradeJournal(db, userId, tradeWith(before, "10004"), [], note("two", ["y"]));

    // The running rules find the stored book stale and rebuild it from the stored rows.
    const after = await createTradeBookCache().load(db, userId);
    expect(idsOf(after)).toEqual(["10001,10002,10003,10004,10005,10006"]);
    const j = await journal(after);
    expect(j.of(after.trades[0]!)).toMatchObject({ note: "one\n\ntwo", tags: ["x", "y"] });
    expect(j.orphans).toEqual([]);
    expect((await findAccountByIbId(db, userId, "U1111111"))?.id).toBe(accountIds[0]);
  });
});
