// Cash, NAV and ChangeInNAV rows stored like executions (issue #16): a re-import adds nothing, overlapping
// statements count each cash row once and keep each NAV day of the latest statement, reversals are rows of
// their own, several accounts in one file stay apart, and a link's copy replaces an upload's.
import { parseFlex } from "@closeout/core";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeLink } from "../test-support/create-fake-link.ts";
import {
  type AccountSectionSpec,
  accountSectionsStatement,
  flexDocument,
} from "../test-support/returns-statements.ts";
import { createTestDb, DB_KINDS, dbKindEnabled, releaseTestPostgres } from "../test-support/test-database.ts";
import type { Db } from "./database.ts";
import { importFlexData } from "./import-flex-data.ts";
import { createUser } from "./users-repository.ts";

afterAll(releaseTestPostgres);

const JAN: AccountSectionSpec = {
  accountId: "U1",
  fromDate: "20250102",
  toDate: "20250106",
  cash: [
    { type: "Deposits/Withdrawals", amount: "1000", reportDate: "20250103", transactionID: "11" },
    { type: "Dividends", amount: "12.5", reportDate: "20250103", transactionID: "12" },
    { type: "Withholding Tax", amount: "-1.88", reportDate: "20250103" },
  ],
  nav: [
    ["20250102", "10000"],
    ["20250103", "11020"],
    ["20250106", "11100"],
  ],
  twr: "0.9",
};

/** Overlaps JAN on the 6th, with another NAV for that day, the same deposit and the same id-less tax row. */
const LATER: AccountSectionSpec = {
  accountId: "U1",
  fromDate: "20250103",
  toDate: "20250108",
  cash: [
    { type: "Deposits/Withdrawals", amount: "1000", reportDate: "20250103", transactionID: "11" },
    { type: "Withholding Tax", amount: "-1.88", reportDate: "20250103" },
    // IB reverses the dividend with a row of its own, then books it again.
    { type: "Dividends", amount: "-12.5", reportDate: "20250107", transactionID: "13" },
    { type: "Dividends", amount: "12.25", reportDate: "20250107", transactionID: "14" },
    { type: "Withholding Tax", amount: "1.88", reportDate: "20250107" },
  ],
  nav: [
    ["20250106", "11105"],
    ["20250107", "11090"],
    ["20250108", "11200"],
  ],
  twr: "0.4",
};

describe.each(DB_KINDS)("cash and NAV rows on %s", (kind) => {
  let db: Db;
  let userId: string;
  beforeEach(async () => {
    if (!dbKindEnabled(kind)) return;
    db = await createTestDb(kind);
    userId = (await createUser(db.kysely, { email: "a@example.com", passwordHash: "x" })).id;
  });
  afterEach(async () => {
    if (dbKindEnabled(kind)) await db.close();
  });
  const run = dbKindEnabled(kind) ? it : it.skip;

  const importXml = (rawXml: string, linkId: string | null = null) =>
    importFlexData(db, { userId, linkId, data: parseFlex(rawXml), rawXml });
  const cashRows = () =>
    db.kysely
      .selectFrom("cash_transactions as c")
      .innerJoin("accounts as a", "a.id", "c.account_id")
      .select(["a.ib_account_id", "c.type", "c.amount", "c.date", "c.transaction_id", "c.provenance"])
      .orderBy("a.ib_account_id")
      .orderBy("c.date")
      .orderBy("c.amount")
      .execute();
  const navRows = () =>
    db.kysely
      .selectFrom("nav_rows as n")
      .innerJoin("accounts as a", "a.id", "n.account_id")
      .select(["a.ib_account_id", "n.report_date", "n.total", "n.provenance"])
      .orderBy("a.ib_account_id")
      .orderBy("n.report_date")
      .execute();
  const changes = () =>
    db.kysely
      .selectFrom("nav_changes")
      .select(["from_date", "to_date", "twr_pct", "provenance"])
      .orderBy("from_date")
      .execute();
  const amounts = (rows: { amount: string }[]) => rows.map((r) => Number(r.amount));

  run("re-importing a statement adds no cash, NAV or ChangeInNAV row", async () => {
    const xml = flexDocument(accountSectionsStatement(JAN));
    await importXml(xml);
    const before = { cash: await cashRows(), nav: await navRows(), changes: await changes() };
    expect(before.cash).toHaveLength(3);
    expect(before.nav.map((r) => [r.report_date, Number(r.total)])).toEqual([
      ["2025-01-02", 10000],
      ["2025-01-03", 11020],
      ["2025-01-06", 11100],
    ]);
    expect(before.changes).toEqual([
      { from_date: "2025-01-02", to_date: "2025-01-06", twr_pct: expect.any(String), provenance: "upload" },
    ]);
    const again = await importXml(xml);
    expect(again.statementAlreadyStored).toBe(true);
    expect({ cash: await cashRows(), nav: await navRows(), changes: await changes() }).toEqual(before);
    // The same rows in another file (other bytes) add nothing either.
    await importXml(flexDocument(accountSectionsStatement(JAN), accountSectionsStatement(JAN)));
    expect({ cash: await cashRows(), nav: await navRows(), changes: await changes() }).toEqual(before);
  });

  run(
    "overlapping statements: each cash row once, reversals kept, the later statement's NAV day",
    async () => {
      // The later statement first: the earlier one, imported after it, must not take its NAV day back.
      await importXml(flexDocument(accountSectionsStatement(LATER)));
      await importXml(flexDocument(accountSectionsStatement(JAN)));
      const cash = await cashRows();
      expect(cash.map((r) => [r.date, r.type, Number(r.amount), r.transaction_id])).toEqual([
        ["2025-01-03", "Withholding Tax", -1.88, null],
        ["2025-01-03", "Dividends", 12.5, "12"],
        ["2025-01-03", "Deposits/Withdrawals", 1000, "11"],
        ["2025-01-07", "Dividends", -12.5, "13"],
        ["2025-01-07", "Withholding Tax", 1.88, null],
        ["2025-01-07", "Dividends", 12.25, "14"],
      ]);
      // Net dividends: 12.5 − 12.5 + 12.25.
      expect(amounts(cash.filter((r) => r.type === "Dividends")).reduce((a, b) => a + b)).toBeCloseTo(
        12.25,
        9,
      );
      expect((await navRows()).map((r) => [r.report_date, Number(r.total)])).toEqual([
        ["2025-01-02", 10000],
        ["2025-01-03", 11020],
        ["2025-01-06", 11105],
        ["2025-01-07", 11090],
        ["2025-01-08", 11200],
      ]);
      expect((await changes()).map((c) => [c.from_date, c.to_date, Number(c.twr_pct)])).toEqual([
        ["2025-01-02", "2025-01-06", 0.9],
        ["2025-01-03", "2025-01-08", 0.4],
      ]);
    },
  );

  run("several accounts in one file keep their rows apart", async () => {
    const u2: AccountSectionSpec = {
      ...JAN,
      accountId: "U2",
      cash: [{ type: "Deposits/Withdrawals", amount: "500", reportDate: "20250103", transactionID: "11" }],
      nav: [
        ["20250102", "500"],
        ["20250103", "1000"],
      ],
    };
    const result = await importXml(flexDocument(accountSectionsStatement(JAN), accountSectionsStatement(u2)));
    expect(result.accounts).toEqual(["U1", "U2"]);
    const cash = await cashRows();
    // The same transactionID in two accounts is two rows.
    expect(
      cash.filter((r) => r.transaction_id === "11").map((r) => [r.ib_account_id, Number(r.amount)]),
    ).toEqual([
      ["U1", 1000],
      ["U2", 500],
    ]);
    expect((await navRows()).map((r) => [r.ib_account_id, r.report_date])).toEqual([
      ["U1", "2025-01-02"],
      ["U1", "2025-01-03"],
      ["U1", "2025-01-06"],
      ["U2", "2025-01-02"],
      ["U2", "2025-01-03"],
    ]);
  });

  run("a link's copy replaces an upload's; an upload never replaces a link's", async () => {
    const link = await createFakeLink(db.kysely, userId);
    await importXml(flexDocument(accountSectionsStatement(JAN)));
    expect(new Set((await cashRows()).map((r) => r.provenance))).toEqual(new Set(["upload"]));
    await importXml(flexDocument(accountSectionsStatement(LATER)), link.id);
    const cash = await cashRows();
    // The deposit and the id-less tax of the 3rd came through the link too; the dividend of the 3rd did not.
    expect(cash.filter((r) => r.provenance === "upload").map((r) => r.transaction_id)).toEqual(["12"]);
    expect(cash).toHaveLength(6);
    expect((await navRows()).map((r) => [r.report_date, r.provenance])).toEqual([
      ["2025-01-02", "upload"],
      ["2025-01-03", "upload"],
      ["2025-01-06", "link"],
      ["2025-01-07", "link"],
      ["2025-01-08", "link"],
    ]);
    // An upload of a later statement with other NAV figures leaves the link's days alone.
    const edited: AccountSectionSpec = { ...LATER, toDate: "20250109", nav: [["20250107", "99999"]] };
    await importXml(flexDocument(accountSectionsStatement(edited)));
    expect((await navRows()).find((r) => r.report_date === "2025-01-07")).toMatchObject({
      total: expect.stringMatching(/^11090(\.0*)?$/),
      provenance: "link",
    });
  });
});
