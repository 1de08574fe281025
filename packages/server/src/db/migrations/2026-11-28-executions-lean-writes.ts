// executions is the one table that takes ~100k rows in one import, so every per-row cost of writing it
// counts (ADR 0009).
// - Its two foreign keys were checked row by row (a lookup and a share lock on the referenced row each):
//   1.3 s of a 100k-execution first import into PGlite. Only importFlexData writes the table, with the
//   account and statement ids it has just upserted under the accounts' advisory locks in the same
//   transaction, so the per-row checks guard nothing our code can get wrong there. What the keys also did is
//   kept: deleting an account (or a user, which cascades to accounts) deletes its executions, now by one
//   statement-level trigger. The statement key had no ON DELETE action, and raw statements are only ever
//   deleted together with their user.
// - Two indexes go too: the surrogate `id` (never read: a row is its account and IB key, which become the
//   primary key) and (account_id, time), which served only the accounts list's first and last trade times;
//   those now read the account's rows through the primary key.
import { type Kysely, sql } from "kysely";

const UP = [
  "alter table executions drop column id",
  "alter table executions drop constraint executions_account_id_ib_key_key",
  "alter table executions add primary key (account_id, ib_key)",
  "drop index executions_account_time_idx",
  "alter table executions drop constraint executions_account_id_fkey",
  "alter table executions drop constraint executions_first_statement_id_fkey",
  `create function closeout_delete_account_executions() returns trigger language plpgsql as $$
  begin
    delete from executions e using deleted_accounts d where e.account_id = d.id;
    return null;
  end
  $$`,
  `create trigger accounts_delete_executions after delete on accounts
    referencing old table as deleted_accounts
    for each statement execute function closeout_delete_account_executions()`,
];

const DOWN = [
  "drop trigger accounts_delete_executions on accounts",
  "drop function closeout_delete_account_executions()",
  `alter table executions add constraint executions_account_id_fkey
    foreign key (account_id) references accounts (id) on delete cascade`,
  `alter table executions add constraint executions_first_statement_id_fkey
    foreign key (first_statement_id) references raw_statements (id)`,
  "create index executions_account_time_idx on executions (account_id, time)",
  "alter table executions drop constraint executions_pkey",
  "alter table executions add constraint executions_account_id_ib_key_key unique (account_id, ib_key)",
  "alter table executions add column id bigint generated always as identity primary key",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
