// Instrument fields repeat on most IB rows; expiry comes as yyyyMMdd or yyyy-MM-dd, multiplier "0" means n/a.
import type { InstrumentFields } from "../types.ts";
import { parseWallTime, type WallTime } from "./parse-wall-time.ts";
import type { Attrs } from "./read-attr.ts";
import { INVALID, type RowContext } from "./row-context.ts";

const scratch: WallTime = { day: 0, ms: 0, hasTime: false };

/** The row's instrument, or null (issue recorded) when it has neither conid nor symbol or a bad multiplier. */
export function readInstrument(a: Attrs, ctx: RowContext, allowNone = false): InstrumentFields | null {
  const conid = ctx.str(a, "conid");
  const symbol = ctx.str(a, "symbol");
  if (conid === null && symbol === null && !allowNone) {
    ctx.issue("missing-instrument", null, "row has neither conid nor symbol; row skipped");
    return null;
  }
  const multiplier = ctx.num(a, "multiplier");
  if (multiplier === INVALID) return null;
  return {
    conid,
    symbol: symbol ?? "",
    assetClass: ctx.str(a, "assetCategory") ?? "",
    currency: ctx.str(a, "currency") ?? "",
    expiry: readExpiry(a, ctx),
    strike: ctx.str(a, "strike"),
    putCall: ctx.str(a, "putCall"),
    underlyingConid: ctx.str(a, "underlyingConid"),
    underlyingSymbol: ctx.str(a, "underlyingSymbol"),
    description: ctx.str(a, "description"),
    multiplier: multiplier?.gt(0) ? multiplier : null,
  };
}

/** Expiry as yyyy-MM-dd so that files with different Date Format settings name the same contract alike. */
function readExpiry(a: Attrs, ctx: RowContext): string | null {
  const raw = ctx.str(a, "expiry");
  if (raw === null) return null;
  return parseWallTime("expiry", raw, scratch) ? ctx.day(scratch.day) : raw;
}
