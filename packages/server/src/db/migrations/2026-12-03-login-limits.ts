// Login limits per account and per client address, reserved before the password is checked (issue 13), and
// single-use sign-up invites. Old throttle rows were keyed by (email, address) and are only transient state,
// so they are dropped; `last_admitted` tells the caller whether its own reservation went through.
import { type Kysely, sql } from "kysely";

const UP = [
  "delete from login_throttle",
  "alter table login_throttle add column last_admitted boolean not null default true",
  `create table invites (
    code_hash text primary key,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at timestamptz,
    used_by uuid references users (id) on delete set null
  )`,
];

const DOWN = ["drop table if exists invites", "alter table login_throttle drop column last_admitted"];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
