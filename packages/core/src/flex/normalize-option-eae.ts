// OptionEAE: the section and its rows share one element name; only Expiration/Assignment/Exercise and Cash
// Settlement rows are events (the delivered Buy/Sell rows repeat executions found in Trades), and `date` may
// carry a time.
import type { OptionEvent, OptionEventType } from "../types.ts";
import { type Attrs, readAttr } from "./read-attr.ts";
import { readInstrument } from "./read-instrument.ts";
import { INVALID, type RowContext } from "./row-context.ts";

const EVENT_TYPES: ReadonlyMap<string, OptionEventType> = new Map([
  ["Expiration", "Expiration"],
  ["Assignment", "Assignment"],
  ["Exercise", "Exercise"],
  ["Cash Settlement", "Cash Settlement"],
]);

export function normalizeOptionEae(a: Attrs, ctx: RowContext): OptionEvent | null {
  const rawType = readAttr(a, "transactionType");
  const type = rawType === null ? undefined : EVENT_TYPES.get(rawType);
  if (type === undefined) return null;
  if (!ctx.wallTime("date", readAttr(a, "date") ?? readAttr(a, "reportDate"))) return null;
  const day = ctx.wall.day;
  const quantity = ctx.num(a, "quantity");
  if (quantity === INVALID) return null;
  if (quantity === null) return ctx.missing("quantity");
  // Only the cash row's money matters (rule 9); the closing rows' own figures are ignored as before.
  const cash = type === "Cash Settlement";
  const proceeds = cash ? ctx.num(a, "proceeds") : null;
  const fxRateToBase = cash ? ctx.num(a, "fxRateToBase") : null;
  if (proceeds === INVALID || fxRateToBase === INVALID) return null;
  const inst = readInstrument(a, ctx);
  if (inst === null) return null;
  return {
    ...inst,
    accountId: ctx.account(a),
    type,
    date: ctx.day(day),
    quantity,
    proceeds,
    fxRateToBase,
    fileOrder: ctx.nextFileOrder(),
  };
}
