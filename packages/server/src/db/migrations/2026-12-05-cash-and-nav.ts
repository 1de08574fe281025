// Account performance (issue #16): the statements' cash rows, daily NAV rows and IB's own change in NAV,
// stored once per IB identity like executions, with the provenance of the copy kept (a link's copy replaces
// an upload's, never the reverse), so the returns of an account can be computed from stored rows alone.
import { type Kysely, sql } from "kysely";

const PROVENANCE = "provenance text not null check (provenance in ('link', 'upload'))";

const UP = [
  // row_key: `id:${transactionID}`, else `raw:${sha256 of every attribute}` (returns-contract "Inputs").
  `create table cash_transactions (
    id bigint generated always as identity primary key,
    account_id uuid not null references accounts (id) on delete cascade,
    row_key text not null,
    type text not null,
    currency text,
    amount numeric not null,
    fx_rate_to_base numeric,
    date date not null,
    transaction_id text,
    description text,
    first_statement_id uuid not null references raw_statements (id),
    ${PROVENANCE},
    unique (account_id, row_key)
  )`,
  // statement_to_date: the toDate of the statement the row came from; a later statement's row wins the day.
  `create table nav_rows (
    account_id uuid not null references accounts (id) on delete cascade,
    report_date date not null,
    total numeric not null,
    statement_to_date date,
    first_statement_id uuid not null references raw_statements (id),
    ${PROVENANCE},
    primary key (account_id, report_date)
  )`,
  `create table nav_changes (
    account_id uuid not null references accounts (id) on delete cascade,
    from_date date not null,
    to_date date not null,
    starting_value numeric,
    ending_value numeric,
    twr_pct numeric,
    first_statement_id uuid not null references raw_statements (id),
    ${PROVENANCE},
    primary key (account_id, from_date, to_date)
  )`,
];

const DOWN = ["drop table nav_changes", "drop table nav_rows", "drop table cash_transactions"];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
