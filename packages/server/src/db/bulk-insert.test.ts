// bulkInsert builds PostgreSQL array literals itself: every awkward value must arrive exactly as sent.
import { afterAll, describe, expect } from "vitest";
import { fixtureFlexData, fixtureXml } from "../test-support/flex-fixtures.ts";
import { DB_KINDS, releaseTestPostgres } from "../test-support/test-database.ts";
import { useTestDb } from "../test-support/use-test-db.ts";
import { bulkInsert } from "./bulk-insert.ts";
import { importFlexData } from "./import-flex-data.ts";
import { createUser } from "./users-repository.ts";

afterAll(releaseTestPostgres);

const AWKWARD = [
  'say "hi"',
  "back\\slash",
  "\\",
  '"',
  "comma, {brace}",
  "NULL",
  "null",
  "",
  " padded ",
  "tab\tnew\nline",
  "ünïcødé €",
  'a\\"b',
];

describe.each(DB_KINDS)("bulkInsert on %s", (kind) => {
  const t = useTestDb(kind);
  const run = t.run;

  run(
    "stores awkward text, nulls, text[] elements and constants exactly; counts only inserted rows",
    async () => {
      const user = await createUser(t.db.kysely, { email: "bulk@example.com", passwordHash: "x" });
      const rows = AWKWARD.map((text, i) => ({
        instrument_key: `k${i}`,
        conid: i % 2 === 0 ? null : text,
        symbol: text,
        asset_class: "STK",
        currency: "USD",
        description: i % 3 === 0 ? null : text,
      }));
      const added = await t.db.kysely.transaction().execute((tx) =>
        bulkInsert(tx, "securities", rows, {
          chunkSize: 5,
          constants: { user_id: user.id },
          onConflict: "(user_id, instrument_key) do nothing",
        }),
      );
      expect(added).toBe(AWKWARD.length);
      const stored = await t.db.kysely
        .selectFrom("securities")
        .select(["instrument_key", "conid", "symbol", "description", "user_id"])
        .where("user_id", "=", user.id)
        .execute();
      const byKey = new Map(stored.map((r) => [r.instrument_key, r]));
      rows.forEach((row, i) => {
        expect(byKey.get(row.instrument_key), `${i}: ${JSON.stringify(row.symbol)}`).toEqual({
          instrument_key: row.instrument_key,
          conid: row.conid,
          symbol: row.symbol,
          description: row.description,
          user_id: user.id,
        });
      });
      // Again, plus one new row: ON CONFLICT skips the stored ones and only the new one is counted.
      const again = await t.db.kysely.transaction().execute((tx) =>
        bulkInsert(tx, "securities", [...rows, { ...rows[0]!, instrument_key: "new" }], {
          constants: { user_id: user.id },
          onConflict: "(user_id, instrument_key) do nothing",
        }),
      );
      expect(again).toBe(1);

      // A text[] column: each row's list of awkward elements comes back as sent.
      const data = fixtureFlexData({ executions: [2] });
      const imported = await importFlexData(t.db, { userId: user.id, data, rawXml: fixtureXml(data) });
      const lists = [AWKWARD, [], ["one"], AWKWARD.slice().reverse()];
      await t.db.kysely.transaction().execute((tx) =>
        bulkInsert(
          tx,
          "statements_meta",
          lists.map((sections, i) => ({ statement_index: 100 + i, sections, has_open_positions: i === 1 })),
          { constants: { account_id: imported.accountIds[0]!, raw_statement_id: imported.statementId } },
        ),
      );
      const metas = await t.db.kysely
        .selectFrom("statements_meta")
        .select(["statement_index", "sections", "has_open_positions"])
        .where("statement_index", ">=", 100)
        .orderBy("statement_index")
        .execute();
      expect(metas).toEqual(
        lists.map((sections, i) => ({ statement_index: 100 + i, sections, has_open_positions: i === 1 })),
      );
    },
  );
});
