// Token keys get ids. The database records the fingerprint of the key its tokens are sealed with, so a start
// with another key is refused instead of failing every sync; each token records its format and key id. A
// migration cannot see the key: rows stay format 1 here and are re-sealed (key id, link id bound) at start.
import { type Kysely, sql } from "kysely";

const UP = [
  `create table token_key (
    singleton boolean primary key default true check (singleton),
    fingerprint text not null,
    updated_at timestamptz not null default now()
  )`,
  `alter table ib_links
    add column token_format smallint not null default 1,
    add column token_key_id text,
    add constraint ib_links_token_format_check check (
      (token_format = 1 and token_key_id is null) or (token_format = 2 and token_key_id is not null)
    )`,
];

const DOWN = [
  "alter table ib_links drop constraint ib_links_token_format_check, drop column token_format, drop column token_key_id",
  "drop table token_key",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
