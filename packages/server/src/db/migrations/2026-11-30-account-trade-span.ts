// The accounts list shows each account's first and last execution time. Without an index on executions'
// time (dropped for the import's sake, 2026-11-28) that was a scan of every stored execution per request,
// ~80 ms for 100k rows on PGlite; the import now keeps the two times on the account row instead.
import { type Kysely, sql } from "kysely";

const UP = [
  "alter table accounts add column first_trade_at timestamptz, add column last_trade_at timestamptz",
  `update accounts a set first_trade_at = s.first_at, last_trade_at = s.last_at
    from (select account_id, min(time) as first_at, max(time) as last_at from executions group by account_id) s
    where s.account_id = a.id`,
];

const DOWN = ["alter table accounts drop column first_trade_at, drop column last_trade_at"];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
