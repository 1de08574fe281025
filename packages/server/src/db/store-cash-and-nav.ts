// Import step: the statement's cash rows, daily NAV rows and ChangeInNAV rows (returns-contract "Inputs"),
// each stored once per IB identity so a re-import or an overlapping statement adds nothing:
// - a cash row once per (account, transactionID), else per identical attributes; a reversal is a row of its own;
// - a NAV day once per account, holding the copy of the statement with the latest toDate;
// - a ChangeInNAV once per (account, fromDate, toDate).
// Provenance as for executions: a link's copy replaces an upload's, an upload never replaces a link's.
import type { FlexData } from "@closeout/core";
import type { Transaction } from "kysely";
import { bulkInsert } from "./bulk-insert.ts";
import { cashTransactionToRow, navChangeToRow, navRowToRow } from "./cash-nav-rows.ts";
import { need } from "./need.ts";
import type { Provenance, Schema } from "./schema.ts";

export interface CashAndNavCounts {
  /** Rows written: new ones, and stored ones a link's copy or a later statement replaced. */
  readonly cashTransactions: number;
  readonly navRows: number;
  readonly navChanges: number;
}

export async function storeCashAndNav(
  tx: Transaction<Schema>,
  data: FlexData,
  accountIdOf: ReadonlyMap<string, string>,
  statementId: string,
  provenance: Provenance,
): Promise<CashAndNavCounts> {
  const constants = { first_statement_id: statementId, provenance };
  const cash = firstPerKey(
    data.cashTransactions ?? [],
    (r) => ({
      account_id: need(accountIdOf, r.accountId),
      ...cashTransactionToRow(r),
    }),
    ["account_id", "row_key"],
  );
  const cashTransactions = await bulkInsert(tx, "cash_transactions", cash, {
    constants,
    onConflict:
      provenance === "link"
        ? `(account_id, row_key) do update set ${replaceAll(CASH_VALUE_COLUMNS)}
            where cash_transactions.provenance = 'upload'`
        : "(account_id, row_key) do nothing",
  });

  // The later of two copies of a file's day wins within the file too (ties: the later statement).
  const toDateOf = new Map(data.statements.map((s) => [s.index, s.toDate]));
  const navByDay = new Map<string, ReturnType<typeof navRow>>();
  const navRow = (r: NonNullable<FlexData["navRows"]>[number]) => ({
    account_id: need(accountIdOf, r.accountId),
    ...navRowToRow(r, toDateOf.get(r.statementIndex) ?? null),
  });
  for (const r of data.navRows ?? []) {
    const row = navRow(r);
    const key = `${row.account_id}\u0000${row.report_date}`;
    const held = navByDay.get(key);
    if (held === undefined || (row.statement_to_date ?? "") >= (held.statement_to_date ?? ""))
      navByDay.set(key, row);
  }
  const navRows = await bulkInsert(tx, "nav_rows", [...navByDay.values()], {
    constants,
    onConflict: `(account_id, report_date) do update set ${replaceAll(NAV_VALUE_COLUMNS)}
      where (nav_rows.provenance = 'upload' and excluded.provenance = 'link')
        or (nav_rows.provenance = excluded.provenance
            and coalesce(excluded.statement_to_date, '-infinity') >= coalesce(nav_rows.statement_to_date, '-infinity')
            and excluded.total is distinct from nav_rows.total)`,
  });

  const changes = firstPerKey(
    data.changesInNav ?? [],
    (r) => ({
      account_id: need(accountIdOf, r.accountId),
      ...navChangeToRow(r),
    }),
    ["account_id", "from_date", "to_date"],
  );
  const navChanges = await bulkInsert(tx, "nav_changes", changes, {
    constants,
    onConflict:
      provenance === "link"
        ? `(account_id, from_date, to_date) do update set ${replaceAll(CHANGE_VALUE_COLUMNS)}
            where nav_changes.provenance = 'upload'`
        : "(account_id, from_date, to_date) do nothing",
  });
  return { cashTransactions, navRows, navChanges };
}

const CASH_VALUE_COLUMNS = [
  "type",
  "currency",
  "amount",
  "fx_rate_to_base",
  "date",
  "transaction_id",
  "description",
  "first_statement_id",
  "provenance",
] as const satisfies readonly (keyof Schema["cash_transactions"])[];

const NAV_VALUE_COLUMNS = [
  "total",
  "statement_to_date",
  "first_statement_id",
  "provenance",
] as const satisfies readonly (keyof Schema["nav_rows"])[];

const CHANGE_VALUE_COLUMNS = [
  "starting_value",
  "ending_value",
  "twr_pct",
  "first_statement_id",
  "provenance",
] as const satisfies readonly (keyof Schema["nav_changes"])[];

const replaceAll = (columns: readonly string[]) => columns.map((c) => `${c} = excluded.${c}`).join(", ");

/** ON CONFLICT DO UPDATE may not touch one row twice in a statement: the first row of each key, in file order. */
function firstPerKey<T, R extends Record<string, string | null>>(
  rows: readonly T[],
  toRow: (row: T) => R,
  key: readonly (keyof R)[],
): R[] {
  const seen = new Set<string>();
  const out: R[] = [];
  for (const row of rows) {
    const r = toRow(row);
    const k = key.map((c) => r[c] ?? "").join("\u0000");
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(r);
  }
  return out;
}
