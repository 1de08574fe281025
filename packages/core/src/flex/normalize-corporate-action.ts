// CorporateActions: IB lists each action twice (SUMMARY with accountId "-", then DETAIL); only the
// position-changing types count, and dateTime is often a date alone.
import type { CorporateAction } from "../types.ts";
import { newYorkToUtcMs, utcIso } from "./new-york-to-utc.ts";
import { type Attrs, readAttr } from "./read-attr.ts";
import { readInstrument } from "./read-instrument.ts";
import { INVALID, type RowContext } from "./row-context.ts";

/** rule 10: forward split, reverse split, forward split (issue), contract split, ISIN/CUSIP change. */
const POSITION_TYPES = new Set(["FS", "RS", "FI", "CS", "IC"]);

export function normalizeCorporateAction(a: Attrs, ctx: RowContext): CorporateAction | null {
  const type = readAttr(a, "type");
  if (type === null || !POSITION_TYPES.has(type)) return null;
  const level = readAttr(a, "levelOfDetail");
  if (level !== null && level.toUpperCase() === "SUMMARY") return null;
  const dateTimeRaw = readAttr(a, "dateTime") ?? readAttr(a, "reportDate");
  if (!ctx.wallTime("dateTime", dateTimeRaw) || dateTimeRaw === null) return null;
  const timeMs = newYorkToUtcMs(ctx.wall.day, ctx.wall.ms);
  const quantity = ctx.num(a, "quantity");
  if (quantity === INVALID) return null;
  if (quantity === null) return ctx.missing("quantity");
  const inst = readInstrument(a, ctx);
  if (inst === null) return null;
  return {
    ...inst,
    description: inst.description ?? ctx.str(a, "actionDescription"),
    accountId: ctx.account(a),
    type: ctx.intern(type),
    time: utcIso(timeMs),
    timeMs,
    dateTimeRaw: ctx.intern(dateTimeRaw),
    actionId: ctx.str(a, "actionID"),
    quantity,
    fileOrder: ctx.nextFileOrder(),
  };
}
