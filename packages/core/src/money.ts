// Exact decimal arithmetic for money, prices, quantities and FX rates (ADR 0001, ADR 0013).
import { Decimal } from "./decimal/decimal.ts";

export { Decimal };

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);
export const HUNDRED = new Decimal(100);

/** Plain decimal notation without exponent or trailing zeros: the contract's number strings. */
export function decimalString(value: Decimal): string {
  return value.toFixed();
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
