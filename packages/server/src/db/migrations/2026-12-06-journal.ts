// The trading journal (issue 15). An entry is attached to the IB execution ids of the trade it was written on,
// not to a trade row: trades are derived and rebuilt, executions are not. Ids are unique per user, so one
// user's exported journal imports into another's on the same instance. `rev` comes from one sequence and is
// bumped by every write, so max(rev) and count(*) tell a cache that a user's journal changed.
import { type Kysely, sql } from "kysely";

const UP = [
  "create sequence journal_rev",
  `create table journal_entries (
    id uuid not null,
    user_id uuid not null references users (id) on delete cascade,
    ib_account_id text not null,
    execution_ids jsonb not null,
    anchor jsonb not null,
    note text not null default '',
    tags jsonb not null default '[]',
    planned_risk numeric,
    stop_price numeric,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    rev bigint not null default nextval('journal_rev'),
    primary key (user_id, id)
  )`,
  `create table journal_days (
    user_id uuid not null references users (id) on delete cascade,
    day date not null,
    note text not null,
    updated_at timestamptz not null default now(),
    primary key (user_id, day)
  )`,
  `create table journal_settings (
    user_id uuid primary key references users (id) on delete cascade,
    default_risk numeric,
    public_tags jsonb not null default '[]',
    rev bigint not null default nextval('journal_rev')
  )`,
];

const DOWN = [
  "drop table if exists journal_settings",
  "drop table if exists journal_days",
  "drop table if exists journal_entries",
  "drop sequence if exists journal_rev",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
