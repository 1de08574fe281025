// Cash, NAV and change-in-NAV rows ↔ their table rows (returns-contract "Inputs"): one place for the mapping.
import type { CashTransaction, ChangeInNavRow, NavRow } from "@closeout/core";
import type { Selectable } from "kysely";
import { fromNumeric, fromNumericOrNull, sha256Hex, toNumeric, toNumericOrNull } from "./flex-rows.ts";
import type { CashTransactionsTable, NavChangesTable, NavRowsTable } from "./schema.ts";

/** IB's transactionID where present; else the row's attributes, so an identical row counts once. */
export function cashRowKey(row: Pick<CashTransaction, "transactionId" | "rawKey">): string {
  return row.transactionId !== null ? `id:${row.transactionId}` : `raw:${sha256Hex(row.rawKey)}`;
}

export function cashTransactionToRow(row: CashTransaction) {
  return {
    row_key: cashRowKey(row),
    type: row.type,
    currency: row.currency,
    amount: toNumeric(row.amount),
    fx_rate_to_base: toNumericOrNull(row.fxRateToBase),
    date: row.date,
    transaction_id: row.transactionId,
    description: row.description,
  };
}

export function cashTransactionFromRow(
  row: Selectable<CashTransactionsTable>,
  ibAccountId: string,
): CashTransaction {
  return {
    accountId: ibAccountId,
    type: row.type,
    currency: row.currency,
    amount: fromNumeric(row.amount),
    fxRateToBase: fromNumericOrNull(row.fx_rate_to_base),
    date: row.date,
    transactionId: row.transaction_id,
    description: row.description,
    // Stored rows are unique per key already; the key stands in for the attributes.
    rawKey: row.transaction_id === null ? row.row_key : "",
  };
}

export function navRowToRow(row: NavRow, statementToDate: string | null) {
  return { report_date: row.reportDate, total: toNumeric(row.total), statement_to_date: statementToDate };
}

/** Stored NAV days are one per date already, so each gets statement index 0 (no tie to break). */
export function navRowFromRow(row: Selectable<NavRowsTable>, ibAccountId: string): NavRow {
  return {
    accountId: ibAccountId,
    reportDate: row.report_date,
    total: fromNumeric(row.total),
    statementIndex: 0,
  };
}

export function navChangeToRow(row: ChangeInNavRow) {
  return {
    from_date: row.fromDate,
    to_date: row.toDate,
    starting_value: toNumericOrNull(row.startingValue),
    ending_value: toNumericOrNull(row.endingValue),
    twr_pct: toNumericOrNull(row.twrPct),
  };
}

export function navChangeFromRow(row: Selectable<NavChangesTable>, ibAccountId: string): ChangeInNavRow {
  return {
    accountId: ibAccountId,
    fromDate: row.from_date,
    toDate: row.to_date,
    startingValue: fromNumericOrNull(row.starting_value),
    endingValue: fromNumericOrNull(row.ending_value),
    twrPct: fromNumericOrNull(row.twr_pct),
    statementIndex: 0,
  };
}
