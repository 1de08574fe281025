// Derived trades are stored as one compressed book per account (ADR 0009) instead of one row per trade: the
// import writes it in one statement, and the API loads it instead of rebuilding from every stored row.
// `engine` names the book format and trade rules that built it; a book of another engine is rebuilt.
import { type Kysely, sql } from "kysely";

const UP = [
  `create table account_books (
    account_id uuid primary key references accounts (id) on delete cascade,
    engine text not null,
    trade_count integer not null,
    book_gzip bytea not null,
    built_at timestamptz not null default now()
  )`,
  "drop table trades",
];

const DOWN = [
  "drop table account_books",
  `create table trades (
    id bigint generated always as identity primary key,
    account_id uuid not null references accounts (id) on delete cascade,
    ordinal integer not null,
    symbol text not null,
    opened_at timestamptz not null,
    closed_at timestamptz not null,
    payload jsonb not null,
    built_at timestamptz not null default now()
  )`,
  "create index trades_account_closed_idx on trades (account_id, closed_at)",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
