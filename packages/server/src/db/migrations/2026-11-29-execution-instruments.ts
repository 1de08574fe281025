// The eleven instrument columns of executions move to execution_instruments, stored once per account and
// distinct set of values; an execution keeps `instrument_ref`, the hash of its values (instrument-refs.ts),
// computed here in SQL to the same result as instrumentRef() in the import. Each row still reads back the
// exact values it was stored with. Eleven columns fewer per row: ~0.6 s of a 100k-execution import (ADR 0009).
import { type Kysely, sql } from "kysely";
import { INSTRUMENT_COLUMN_NAMES, INSTRUMENT_REF_SQL } from "../instrument-refs.ts";

const COLUMNS = INSTRUMENT_COLUMN_NAMES.join(", ");

const UP = [
  `create table execution_instruments (
    account_id uuid not null references accounts (id) on delete cascade,
    instrument_ref text not null,
    conid text,
    symbol text not null,
    asset_class text not null,
    currency text not null,
    expiry text,
    strike text,
    put_call text,
    underlying_conid text,
    underlying_symbol text,
    description text,
    multiplier numeric,
    primary key (account_id, instrument_ref)
  )`,
  "alter table executions add column instrument_ref text",
  `update executions set instrument_ref = ${INSTRUMENT_REF_SQL}`,
  `insert into execution_instruments (account_id, instrument_ref, ${COLUMNS})
    select distinct on (account_id, instrument_ref) account_id, instrument_ref, ${COLUMNS} from executions`,
  "alter table executions alter column instrument_ref set not null",
  ...INSTRUMENT_COLUMN_NAMES.map((c) => `alter table executions drop column ${c}`),
];

const DOWN = [
  `alter table executions
    add column conid text,
    add column symbol text,
    add column asset_class text,
    add column currency text,
    add column expiry text,
    add column strike text,
    add column put_call text,
    add column underlying_conid text,
    add column underlying_symbol text,
    add column description text,
    add column multiplier numeric`,
  `update executions e set ${INSTRUMENT_COLUMN_NAMES.map((c) => `${c} = i.${c}`).join(", ")}
    from execution_instruments i
    where i.account_id = e.account_id and i.instrument_ref = e.instrument_ref`,
  "alter table executions alter column symbol set not null",
  "alter table executions alter column asset_class set not null",
  "alter table executions alter column currency set not null",
  "alter table executions drop column instrument_ref",
  "drop table execution_instruments",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
