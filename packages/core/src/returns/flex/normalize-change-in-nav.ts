// ChangeInNAV: a single element whose attributes are the data (no rows inside), directly under FlexStatement;
// `twr` is IB's time-weighted return over fromDate..toDate, in percent.

import { type Attrs, readAttr } from "../../flex/read-attr.ts";
import { INVALID, type RowContext } from "../../flex/row-context.ts";
import type { ChangeInNavRow } from "../../types.ts";
import { isSummaryAccount } from "./normalize-cash-transaction.ts";

export function normalizeChangeInNav(a: Attrs, ctx: RowContext): ChangeInNavRow | null {
  // The section wrapper of a row-per-account layout carries no attributes: nothing to read there.
  if (a.names().length === 0 || isSummaryAccount(a)) return null;
  if (!ctx.wallTime("fromDate", readAttr(a, "fromDate"))) return null;
  const fromDate = ctx.day(ctx.wall.day);
  if (!ctx.wallTime("toDate", readAttr(a, "toDate"))) return null;
  const toDate = ctx.day(ctx.wall.day);
  const startingValue = ctx.num(a, "startingValue", false);
  const endingValue = ctx.num(a, "endingValue", false);
  const twrPct = ctx.num(a, "twr", false);
  if (startingValue === INVALID || endingValue === INVALID || twrPct === INVALID) return null;
  return {
    accountId: ctx.account(a),
    fromDate,
    toDate,
    startingValue,
    endingValue,
    twrPct,
    statementIndex: ctx.statementIndex,
  };
}
