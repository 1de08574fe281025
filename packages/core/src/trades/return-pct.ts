// A trade's returnPct: realizedPnl × 100 ÷ openedValue, divided at 34 significant digits and then rounded
// half-even to 12 places — the Decimal way, whose long division was a tenth of buildTrades. When both sums are
// integers of 10^-scale that fit a double (nearly always, ADR 0008), the same result comes from one integer
// division (on safe-integer doubles when its numbers fit, else in BigInt) and a check that the 34-digit rounding cannot have moved the value onto a 12-place
// half-way point (the only way rounding twice can differ from rounding once).

import { decompose, fromUnits, termScale, termUnits } from "../decimal-units.ts";
import { type Decimal, HUNDRED } from "../money.ts";

/** Places returnPct is kept to: exact enough for any display and 5× cheaper to average than 34 digits. */
export const RETURN_PLACES = 12;

/** 10^0 … 10^64 as BigInt: quotients here have at most 16 + 29 digits, the check multiplies by up to 10^34. */
const POW10 = Array.from({ length: 65 }, (_, i) => 10n ** BigInt(i));

export function returnPct(realizedPnl: Decimal, openedValue: Decimal): Decimal | null {
  if (openedValue.isZero()) return null;
  return (
    integerReturnPct(realizedPnl, openedValue) ??
    realizedPnl.times(HUNDRED).div(openedValue).toDecimalPlaces(RETURN_PLACES)
  );
}

/**
 * returnPct(realizedPnl, openedValue.value()) without building that Decimal when the sum is one safe integer
 * of units (nearly always): the same integer division on its units.
 */
export function returnPctOfSum(
  realizedPnl: Decimal,
  openedValue: { decomposeValue(): boolean; value(): Decimal },
): Decimal | null {
  if (openedValue.decomposeValue()) {
    const valueUnits = termUnits();
    if (valueUnits === 0) return null;
    const valueScale = termScale();
    if (!realizedPnl.isZero() && decompose(realizedPnl)) {
      const q = returnPctOfUnits(termUnits(), termScale(), valueUnits, valueScale);
      if (q !== null) return q;
    }
  }
  return returnPct(realizedPnl, openedValue.value());
}

/** The same value as the Decimal way, or null to take it. */
export function integerReturnPct(realizedPnl: Decimal, openedValue: Decimal): Decimal | null {
  // A zero result carries decimal.js's sign of zero: left to the Decimal way.
  if (realizedPnl.isZero() || !decompose(realizedPnl)) return null;
  const pnlUnits = termUnits();
  const pnlScale = termScale();
  if (!decompose(openedValue)) return null;
  return returnPctOfUnits(pnlUnits, pnlScale, termUnits(), termScale());
}

/** integerReturnPct on units × 10^-scale (any scale, not only the smallest); pnlUnits ≠ 0. */
export function returnPctOfUnits(
  pnlUnits: number,
  pnlScale: number,
  valueUnits: number,
  valueScale: number,
): Decimal | null {
  const q = safeReturnPct(pnlUnits, pnlScale, valueUnits, valueScale);
  return q !== undefined ? q : bigIntReturnPct(pnlUnits, pnlScale, valueUnits, valueScale);
}

/** Exact powers of ten as doubles (10^22 is the last one). */
const POW10_DOUBLE = Array.from({ length: 23 }, (_, i) => 10 ** i);
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * bigIntReturnPct's steps on doubles, when every number in them is a safe integer (nearly always): a long
 * division in chunks of as many digits as keep remainder × 10^k safe, each step an exact % and an exact
 * division of a multiple. Undefined when some number would not be safe: then the BigInt way decides.
 */
function safeReturnPct(
  pnlUnits: number,
  pnlScale: number,
  valueUnits: number,
  valueScale: number,
): Decimal | null | undefined {
  const shift = valueScale - pnlScale + 2 + RETURN_PLACES;
  const n = Math.abs(pnlUnits);
  let d = Math.abs(valueUnits);
  if (shift < 0) {
    if (-shift >= POW10_DOUBLE.length) return undefined;
    d *= POW10_DOUBLE[-shift]!;
    if (d > MAX_SAFE) return undefined;
  }
  let r = n % d;
  let q = (n - r) / d;
  // The digits n still has to bring down (its shift zeros), k at a time with r × 10^k < d × 10^k safe.
  let left = Math.max(shift, 0);
  let k = 0;
  while (k < 15 && d * POW10_DOUBLE[k + 1]! <= MAX_SAFE) k++;
  if (left > 0 && k === 0) return undefined;
  while (left > 0) {
    const step = Math.min(left, k);
    const t = r * POW10_DOUBLE[step]!;
    r = t % d;
    q = q * POW10_DOUBLE[step]! + (t - r) / d;
    if (q > MAX_SAFE) return undefined;
    left -= step;
  }
  // As in bigIntReturnPct: 0 ≤ 2r < 2d, so 2r − d is an exact safe integer.
  const twiceRest = 2 * r;
  let digits = 0;
  while (digits < 16 && q >= POW10_DOUBLE[digits]!) digits++;
  const e = (digits === 0 ? 1 : digits) - 1 - RETURN_PLACES; // ≤ 3: q < 10^16
  const offHalf = Math.abs(twiceRest - d);
  // offHalf × 10^(21−e) ≤ d, read as offHalf ≤ ⌊d ÷ 10^(21−e)⌋ (offHalf is an integer); a power beyond 10^15
  // exceeds d, so then it never holds (with q < 10^16 that is always so; the test is kept for the argument).
  const power = 21 - e;
  if (offHalf !== 0 && power <= 15) {
    const m = POW10_DOUBLE[power]!;
    if (offHalf <= (d - (d % m)) / m) return null;
  }
  if (twiceRest > d || (twiceRest === d && q % 2 === 1)) q += 1;
  if (q === 0 || q > MAX_SAFE) return null;
  return fromUnits(pnlUnits < 0 !== valueUnits < 0 ? -q : q, RETURN_PLACES);
}

/** returnPctOfUnits in BigInt, for the numbers safeReturnPct cannot hold. */
export function bigIntReturnPct(
  pnlUnits: number,
  pnlScale: number,
  valueUnits: number,
  valueScale: number,
): Decimal | null {
  const negative = pnlUnits < 0 !== valueUnits < 0;
  // q = |pnl| × 100 ÷ |value| in units of 10^-RETURN_PLACES is n ÷ d.
  const shift = valueScale - pnlScale + 2 + RETURN_PLACES;
  let n = BigInt(Math.abs(pnlUnits));
  let d = BigInt(Math.abs(valueUnits));
  if (shift >= 0) n *= POW10[shift]!;
  else d *= POW10[-shift]!;
  let q = n / d;
  const twiceRest = (n - q * d) * 2n;
  // q ≈ 10^e; the 34-digit rounding moved it by at most half of 10^(e-33), i.e. 10^(e-21)/2 units. Within that
  // of a half-way point (but not on it) it may have landed on it: then only the Decimal way knows the result.
  let digits = 0;
  while (digits < POW10.length && q >= POW10[digits]!) digits++;
  const e = (digits === 0 ? 1 : digits) - 1 - RETURN_PLACES;
  if (e >= 21) return null;
  const offHalf = twiceRest > d ? twiceRest - d : d - twiceRest;
  if (offHalf !== 0n && offHalf * POW10[21 - e]! <= d) return null;
  if (twiceRest > d || (twiceRest === d && (q & 1n) === 1n)) q += 1n;
  if (q === 0n || q > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  const units = Number(q);
  return fromUnits(negative ? -units : units, RETURN_PLACES);
}
