// Sessions and login throttling for the HTTP API (ADR 0007), and the third public-profile mode ("full").
// Session ids are stored only as SHA-256 hashes; throttle keys are hashes of (email, client address).
import { type Kysely, sql } from "kysely";

const UP = [
  `create table sessions (
    id_hash text primary key,
    user_id uuid not null references users (id) on delete cascade,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    user_agent text
  )`,
  "create index sessions_user_idx on sessions (user_id)",
  "create index sessions_expires_idx on sessions (expires_at)",
  `create table login_throttle (
    key text primary key,
    failures integer not null,
    locked_until timestamptz,
    updated_at timestamptz not null
  )`,
  "alter table users drop constraint if exists users_public_profile_check",
  "alter table users add constraint users_public_profile_check check (public_profile in ('private', 'percent', 'full'))",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw("update users set public_profile = 'percent' where public_profile = 'full'").execute(db);
  await sql.raw("alter table users drop constraint if exists users_public_profile_check").execute(db);
  await sql
    .raw(
      "alter table users add constraint users_public_profile_check check (public_profile in ('private', 'percent'))",
    )
    .execute(db);
  await sql.raw("drop table if exists login_throttle").execute(db);
  await sql.raw("drop table if exists sessions").execute(db);
}
