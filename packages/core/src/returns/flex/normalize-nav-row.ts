// EquitySummaryInBase ("Net Asset Value (NAV) in Base"): one row per account and day; `total` is the NAV at
// the end of reportDate, already in base currency. Rows with accountId "-" are consolidated copies.

import { type Attrs, readAttr } from "../../flex/read-attr.ts";
import { INVALID, type RowContext } from "../../flex/row-context.ts";
import type { NavRow } from "../../types.ts";
import { isSummaryAccount } from "./normalize-cash-transaction.ts";

export function normalizeNavRow(a: Attrs, ctx: RowContext): NavRow | null {
  if (isSummaryAccount(a)) return null;
  if (!ctx.wallTime("reportDate", readAttr(a, "reportDate"))) return null;
  const reportDate = ctx.day(ctx.wall.day);
  const total = ctx.num(a, "total", false);
  if (total === INVALID) return null;
  if (total === null) return ctx.missing("total");
  return { accountId: ctx.account(a), reportDate, total, statementIndex: ctx.statementIndex };
}
