// The journal's JSON document: exported, imported into another user (or instance) it gives the same journal,
// a second import adds nothing, and a bad document changes nothing — on both databases.
import { Decimal } from "@closeout/core";
import { afterAll, describe, expect } from "vitest";
import { createTradeBookCache } from "../api/trade-book.ts";
import { importFlexData } from "../db/import-flex-data.ts";
import { createUser } from "../db/users-repository.ts";
import { TRADE_REBUILD } from "../sync/rebuild-account-trades.ts";
import { fixtureFlexData, fixtureXml } from "../test-support/flex-fixtures.ts";
import { DB_KINDS, releaseTestPostgres } from "../test-support/test-database.ts";
import { useTestDb } from "../test-support/use-test-db.ts";
import { attachJournal } from "./attach-journal.ts";
import {
  listJournalEntries,
  loadJournalSettings,
  saveDayNote,
  saveJournalSettings,
  saveTradeJournal,
} from "./journal-repository.ts";
import { exportJournal, importJournal } from "./journal-transfer.ts";

afterAll(releaseTestPostgres);

describe.each(DB_KINDS)("journal export and import on %s", (kind) => {
  const t = useTestDb(kind);

  t.run(
    "moves the journal to another user; importing twice adds nothing; bad input adds nothing",
    async () => {
      const db = t.db.kysely;
      const data = fixtureFlexData({ executions: [2, 3, 4, 5], withOpenPositions: false });
      const users = [];
      for (const email of ["a@example.com", "b@example.com"]) {
        const id = (await createUser(db, { email, passwordHash: "x" })).id;
        await importFlexData(t.db, { userId: id, data, rawXml: fixtureXml(data), ...TRADE_REBUILD });
        users.push(id);
      }
      const [a, b] = users as [string, string];
      const books = createTradeBookCache();
      const bookA = await books.load(db, a);
      await saveTradeJournal(db, a, bookA.trades[0]!, [], {
        note: "**why** I took it",
        tags: ["setup:breakout"],
        plannedRisk: new Decimal("123.45"),
        stopPrice: null,
      });
      await saveDayNote(db, a, "2025-01-15", "FOMC day");
      await saveJournalSettings(db, a, { defaultRisk: new Decimal("50"), publicTags: ["setup:breakout"] });
      const doc = JSON.parse(JSON.stringify(await exportJournal(db, a)));

      const first = await importJournal(db, b, doc);
      expect(first).toEqual({
        entriesAdded: 1,
        entriesExisting: 0,
        daysAdded: 1,
        daysExisting: 0,
        settingsApplied: true,
      });
      const again = await importJournal(db, b, doc);
      expect(again).toEqual({
        entriesAdded: 0,
        entriesExisting: 1,
        daysAdded: 0,
        daysExisting: 1,
        settingsApplied: false,
      });
      expect((await exportJournal(db, b)).entries).toEqual(doc.entries);

      // On b's own book (same executions, other account row) the note finds its trade.
      const bookB = await books.load(db, b);
      const j = attachJournal(bookB, await listJournalEntries(db, b), await loadJournalSettings(db, b));
      expect(j.of(bookB.trades[0]!)).toMatchObject({ note: "**why** I took it", tags: ["setup:breakout"] });
      expect(j.of(bookB.trades[0]!).plannedRisk?.toFixed()).toBe("123.45");

      const c = (await createUser(db, { email: "c@example.com", passwordHash: "x" })).id;
      const broken = { ...doc, entries: [...doc.entries, { ...doc.entries[0], id: "not-a-uuid" }] };
      await expect(importJournal(db, c, broken)).rejects.toMatchObject({ code: "validation" });
      await expect(importJournal(db, c, { ...doc, version: 9 })).rejects.toMatchObject({
        code: "validation",
      });
      expect(await exportJournal(db, c)).toMatchObject({ entries: [], days: [] });
    },
  );
});
