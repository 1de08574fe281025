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

/** x = 1, without the copy of ONE that `x.eq(ONE)` allocates. */
export function isOne(x: Decimal): boolean {
  return x.s === 1 && x.e === 0 && x.d.length === 1 && x.d[0] === 1;
}

/** a.cmp(b) for finite values, without the copy of `b` that decimal.js's cmp allocates. */
export function compareDecimals(a: Decimal, b: Decimal): number {
  const aZero = !a.d[0];
  const bZero = !b.d[0];
  if (aZero || bZero) return aZero ? (bZero ? 0 : -b.s) : a.s;
  if (a.s !== b.s) return a.s;
  // Swapped rather than negated for negatives: equal values give 0, never −0 (cmp's result, exactly).
  return a.s < 0 ? compareAbs(b, a) : compareAbs(a, b);
}

/**
 * Compares |a| with |b| without allocating (decimal.js's own cmp copies its argument): hot paths such as
 * "largest position so far" call it once per execution. Reads the documented representation: `d` base-1e7
 * words, `e` the decimal exponent, which also fixes the length of the first word.
 */
export function compareAbs(a: Decimal, b: Decimal): number {
  const ad = a.d;
  const bd = b.d;
  if (!ad[0]) return bd[0] ? -1 : 0;
  if (!bd[0]) return 1;
  if (a.e !== b.e) return a.e > b.e ? 1 : -1;
  const n = Math.min(ad.length, bd.length);
  for (let i = 0; i < n; i++) {
    if (ad[i] !== bd[i]) return ad[i]! > bd[i]! ? 1 : -1;
  }
  return ad.length === bd.length ? 0 : ad.length > bd.length ? 1 : -1;
}
