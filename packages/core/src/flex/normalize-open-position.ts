// OpenPositions: with "Include lot detail" IB adds LOT rows beside the SUMMARY row; only SUMMARY counts.
import type { OpenPositionRow } from "../types.ts";
import { type Attrs, readAttr } from "./read-attr.ts";
import { readInstrument } from "./read-instrument.ts";
import { INVALID, type RowContext } from "./row-context.ts";

export function normalizeOpenPosition(a: Attrs, ctx: RowContext): OpenPositionRow | null {
  const level = readAttr(a, "levelOfDetail");
  if (level !== null && level.toUpperCase() !== "SUMMARY") return null;
  const position = ctx.num(a, "position");
  if (position === INVALID) return null;
  if (position === null) return ctx.missing("position");
  const inst = readInstrument(a, ctx);
  if (inst === null) return null;
  return { ...inst, accountId: ctx.account(a), statementIndex: ctx.statementIndex, position };
}
