// Instrument fields repeat on most IB rows; expiry comes as yyyyMMdd or yyyy-MM-dd, multiplier "0" means n/a.
import type { InstrumentFields } from "../types.ts";
import { detachString } from "./intern-strings.ts";
import { parseWallTime, type WallTime } from "./parse-wall-time.ts";
import type { Attrs } from "./read-attr.ts";
import { INVALID, type RowContext } from "./row-context.ts";

const scratch: WallTime = { day: 0, ms: 0, hasTime: false };

const FIELDS = [
  "conid",
  "symbol",
  "assetCategory",
  "currency",
  "expiry",
  "strike",
  "putCall",
  "underlyingConid",
  "underlyingSymbol",
  "description",
  "multiplier",
] as const;

/**
 * The row's instrument, or null (issue recorded) when it has neither conid nor symbol or a bad multiplier.
 * Rows of one instrument repeat the same attributes: when they all equal the last read, its result is reused.
 */
export function readInstrument(a: Attrs, ctx: RowContext, allowNone = false): InstrumentFields | null {
  const key = a.get("conid") || a.get("symbol");
  const cache = ctx.instrumentCache;
  if (key !== undefined) {
    const hit = cache.get(key);
    if (hit !== undefined && sameAttributes(a, hit.raw)) return hit.fields;
  }
  const fields = readFresh(a, ctx, allowNone);
  if (fields !== null && key !== undefined) {
    if (cache.size >= 10_000) cache.clear();
    const raw = FIELDS.map((f) => {
      const v = a.get(f);
      return v === undefined ? v : detachString(v);
    });
    cache.set(detachString(key), { raw, fields });
  }
  return fields;
}

function sameAttributes(a: Attrs, raw: readonly (string | undefined)[]): boolean {
  for (let i = 0; i < FIELDS.length; i++) if (a.get(FIELDS[i]!) !== raw[i]) return false;
  return true;
}

function readFresh(a: Attrs, ctx: RowContext, allowNone: boolean): InstrumentFields | null {
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
