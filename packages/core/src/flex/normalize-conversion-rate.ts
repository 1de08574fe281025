// ConversionRates: one row per day and currency pair; IB writes rate="-1" when it has no rate for the day.
import type { ConversionRate } from "../types.ts";
import { type Attrs, readAttr } from "./read-attr.ts";
import { INVALID, type RowContext } from "./row-context.ts";

export function normalizeConversionRate(a: Attrs, ctx: RowContext): ConversionRate | null {
  if (!ctx.wallTime("reportDate", readAttr(a, "reportDate"))) return null;
  const reportDate = ctx.day(ctx.wall.day);
  const fromCurrency = ctx.str(a, "fromCurrency");
  if (fromCurrency === null) return ctx.missing("fromCurrency");
  const toCurrency = ctx.str(a, "toCurrency");
  if (toCurrency === null) return ctx.missing("toCurrency");
  const rate = ctx.num(a, "rate");
  if (rate === INVALID) return null;
  if (rate === null) return ctx.missing("rate");
  if (rate.isNegative() || rate.isZero()) return null;
  return { reportDate, fromCurrency, toCurrency, rate };
}
