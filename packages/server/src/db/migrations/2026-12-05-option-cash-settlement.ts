// Rule 9, cash-settled index options: an OptionEAE "Cash Settlement" row carries the option's cash in
// `proceeds` (with its own fxRateToBase); the rows are stored with the other option events, so the columns
// are needed for a book rebuilt from stored rows to equal the one built from the statement.
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table option_events add column proceeds numeric, add column fx_rate_to_base numeric`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table option_events drop column proceeds, drop column fx_rate_to_base`.execute(db);
}
