// The instrument ref is computed in JavaScript by every import and in SQL by the migration that moved the
// columns: both must agree on every kind of value. And moving the columns (down, then up again) must leave
// every stored execution reading back exactly as before.
import { parseFlex } from "@closeout/core";
import { generateStatement } from "@closeout/flex-sim";
import { sql } from "kysely";
import { afterAll, describe, expect } from "vitest";
import { DB_KINDS, releaseTestPostgres } from "../test-support/test-database.ts";
import { useTestDb } from "../test-support/use-test-db.ts";
import { importFlexData } from "./import-flex-data.ts";
import { INSTRUMENT_REF_SQL, instrumentRef } from "./instrument-refs.ts";
import { loadAccountFlexData } from "./load-account-flex-data.ts";
import * as moveColumns from "./migrations/2026-11-29-execution-instruments.ts";
import type { InstrumentColumns } from "./schema.ts";
import { createUser } from "./users-repository.ts";

afterAll(releaseTestPostgres);

const CASES: InstrumentColumns[] = [
  {
    conid: "265598",
    symbol: "AAPL",
    asset_class: "STK",
    currency: "USD",
    expiry: null,
    strike: null,
    put_call: null,
    underlying_conid: null,
    underlying_symbol: null,
    description: "APPLE INC",
    multiplier: "1",
  },
  {
    conid: null,
    symbol: "ES 20JUN25 5000 C",
    asset_class: "FOP",
    currency: "USD",
    expiry: "2025-06-20",
    strike: "5000.25",
    put_call: "C",
    underlying_conid: "495512552",
    underlying_symbol: "ES",
    description: "Ünïcødé — 株式 📈 with 'quotes' and \"double\" and \\ and :: and -",
    multiplier: "0.0001",
  },
  {
    conid: "1",
    symbol: "-",
    asset_class: "",
    currency: "EUR",
    expiry: "",
    strike: "-",
    put_call: null,
    underlying_conid: "",
    underlying_symbol: "1:a",
    description: null,
    multiplier: null,
  },
];

describe.each(DB_KINDS)("instrument refs on %s", (kind) => {
  const t = useTestDb(kind);

  t.run("the SQL of the migration computes the same ref as the import", async () => {
    for (const c of CASES) {
      const { rows } = await sql<{ ref: string }>`
        select ${sql.raw(INSTRUMENT_REF_SQL)} as ref from (select
          ${c.conid}::text as conid, ${c.symbol}::text as symbol, ${c.asset_class}::text as asset_class,
          ${c.currency}::text as currency, ${c.expiry}::text as expiry, ${c.strike}::text as strike,
          ${c.put_call}::text as put_call, ${c.underlying_conid}::text as underlying_conid,
          ${c.underlying_symbol}::text as underlying_symbol, ${c.description}::text as description,
          ${c.multiplier}::numeric as multiplier) as r`.execute(t.db.kysely);
      expect(rows[0]?.ref, c.symbol).toBe(instrumentRef(c));
    }
    expect(new Set(CASES.map(instrumentRef)).size).toBe(CASES.length);
  });

  t.run("moving the columns back and forth leaves every execution as it was", async () => {
    // Stocks, options, futures, FX and several currencies, in two accounts.
    const xml = generateStatement({
      seed: 3,
      accounts: 2,
      executions: 2_000,
      fromDate: "2025-01-02",
      toDate: "2025-12-31",
    });
    const user = await createUser(t.db.kysely, { email: "moves@x.example", passwordHash: "x" });
    const imported = await importFlexData(t.db, { userId: user.id, data: parseFlex(xml), rawXml: xml });
    const before = await Promise.all(imported.accountIds.map((id) => loadAccountFlexData(t.db.kysely, id)));
    const instrumentRows = await t.db.kysely.selectFrom("execution_instruments").selectAll().execute();
    expect(before.flatMap((d) => d.executions).length).toBeGreaterThan(50);
    // Far fewer instrument rows than executions: that is the point of the table.
    expect(instrumentRows.length).toBeLessThan(before.flatMap((d) => d.executions).length / 2);

    await t.db.kysely.transaction().execute((tx) => moveColumns.down(tx as never));
    const { rows } = await sql<{ symbol: string | null }>`select symbol from executions`.execute(t.db.kysely);
    expect(rows.every((r) => r.symbol !== null && r.symbol !== "")).toBe(true);
    await t.db.kysely.transaction().execute((tx) => moveColumns.up(tx as never));

    const after = await Promise.all(imported.accountIds.map((id) => loadAccountFlexData(t.db.kysely, id)));
    expect(after).toEqual(before);
    const again = await t.db.kysely.selectFrom("execution_instruments").selectAll().execute();
    const key = (r: { account_id: string; instrument_ref: string }) => `${r.account_id} ${r.instrument_ref}`;
    const byRef = (a: { account_id: string; instrument_ref: string }, b: typeof a) =>
      key(a) < key(b) ? -1 : 1;
    expect(again.sort(byRef)).toEqual(instrumentRows.sort(byRef));
  });
});
