// CashTransactions: IB repeats DETAIL rows as SUMMARY rows and as copies with accountId "-"; only the DETAIL
// (or level-less) rows of a real account count, and reportDate (the booking day) beats dateTime.

import { rawRowKey } from "../../flex/raw-row-key.ts";
import { type Attrs, readAttr } from "../../flex/read-attr.ts";
import { INVALID, type RowContext } from "../../flex/row-context.ts";
import type { CashTransaction } from "../../types.ts";

export function normalizeCashTransaction(a: Attrs, ctx: RowContext): CashTransaction | null {
  const level = readAttr(a, "levelOfDetail");
  if (level !== null && level.toUpperCase() !== "DETAIL") return null;
  if (isSummaryAccount(a)) return null;
  const type = ctx.str(a, "type");
  if (type === null) return ctx.missing("type");
  const reportDate = readAttr(a, "reportDate");
  const field = reportDate === null ? "dateTime" : "reportDate";
  if (!ctx.wallTime(field, reportDate ?? readAttr(a, "dateTime"))) return null;
  const date = ctx.day(ctx.wall.day);
  const amount = ctx.num(a, "amount", false);
  if (amount === INVALID) return null;
  if (amount === null) return ctx.missing("amount");
  const fxRateToBase = ctx.num(a, "fxRateToBase");
  if (fxRateToBase === INVALID) return null;
  const transactionId = ctx.text(a, "transactionID");
  return {
    accountId: ctx.account(a),
    type,
    currency: ctx.str(a, "currency"),
    amount,
    fxRateToBase,
    date,
    transactionId,
    description: ctx.text(a, "description"),
    rawKey: transactionId === null ? rawRowKey(a) : "",
  };
}

/** accountId="-" marks IB's summary copy of rows listed again under their account. */
export function isSummaryAccount(a: Attrs): boolean {
  return a.get("accountId")?.trim() === "-";
}
