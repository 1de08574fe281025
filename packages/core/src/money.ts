// Exact decimal arithmetic for money, prices, quantities and FX rates (ADR 0001).
// A private Decimal constructor keeps our precision settings from leaking into other users of decimal.js.
import { Decimal as DecimalJs } from "decimal.js";

export const Decimal = DecimalJs.clone({
  precision: 34,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);
export const HUNDRED = new Decimal(100);

/** Plain decimal notation without exponent or trailing zeros: the contract's number strings. */
export function decimalString(value: Decimal): string {
  const s = value.toFixed();
  return s === "-0" ? "0" : s;
}

/** Ratios and percentages are rounded (half-even) to this many places before printing. */
export const RATIO_PLACES = 6;

export function ratioString(value: Decimal): string {
  return decimalString(value.toDecimalPlaces(RATIO_PLACES));
}

export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}
