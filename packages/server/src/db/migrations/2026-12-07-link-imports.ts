// A new link's first import runs as a queued job (issue #14), not in the web request: link_imports holds
// its progress for the link wizard, and the statement the link request pulled and checked (gzipped, like a
// raw statement; never the token), so the job imports it without asking IB a second time.
import { type Kysely, sql } from "kysely";

const UP = [
  `create table link_imports (
    link_id uuid primary key references ib_links (id) on delete cascade,
    state text not null,
    statement_gzip bytea,
    statement_executions integer,
    executions_added integer,
    executions_existing integer,
    trades integer,
    attempts integer not null default 0,
    message text,
    updated_at timestamptz not null default now()
  )`,
];

const DOWN = ["drop table if exists link_imports"];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
