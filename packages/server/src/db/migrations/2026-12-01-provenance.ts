// Provenance (issue #13): whether a row came from the user's own Flex link (pulled from IB by closeout) or
// from an upload / `closeout import` (a file anyone can edit). Only link data may be called verified, and only
// a link establishes that a user holds an IB account.
//
// The backfill claims `link` only where the database proves it: a statement is `link` when it was stored
// during a succeeded sync run of one of the user's links (the first pull of a link is such a run too) and
// every account it touched belongs to that link. Anything else, including statements of links deleted since
// (their sync runs went with them), stays `upload`: a row must never be called verified by guesswork.
import { type Kysely, sql } from "kysely";

const UP = [
  `alter table raw_statements add column provenance text not null default 'upload'
    check (provenance in ('link', 'upload'))`,
  `update raw_statements s set provenance = 'link'
    where exists (
      select 1 from sync_runs r join ib_links l on l.id = r.link_id
      where l.user_id = s.user_id and r.status = 'succeeded'
        and s.imported_at between r.started_at and r.finished_at
        and exists (select 1 from statements_meta m where m.raw_statement_id = s.id)
        and not exists (
          select 1 from statements_meta m join accounts a on a.id = m.account_id
          where m.raw_statement_id = s.id and a.link_id is distinct from l.id))`,
  "alter table raw_statements alter column provenance drop default",
  `alter table executions add column provenance text not null default 'upload'
    check (provenance in ('link', 'upload'))`,
  `update executions e set provenance = 'link'
    from raw_statements s where s.id = e.first_statement_id and s.provenance = 'link'`,
  "alter table executions alter column provenance drop default",
  // Accounts stay one row per (user, IB account); an IB account is held by at most one user's link.
  "create unique index accounts_held_ib_account_idx on accounts (ib_account_id) where link_id is not null",
];

const DOWN = [
  "drop index accounts_held_ib_account_idx",
  "alter table executions drop column provenance",
  "alter table raw_statements drop column provenance",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
