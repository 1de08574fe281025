// A trade's returnPct: realizedPnl × 100 ÷ openedValue, divided at 34 significant digits and then rounded
// half-even to 12 places — the Decimal way, whose long division was a tenth of buildTrades. When both sums are
// integers of 10^-scale that fit a double (nearly always, ADR 0008), the same result comes from one integer
// division in BigInt and a check that the 34-digit rounding cannot have moved the value onto a 12-place
// half-way point (the only way rounding twice can differ from rounding once).
import { decompose, type ExactSum, fromUnits, termScale, termUnits } from "../exact-sum.ts";
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
export function returnPctOfSum(realizedPnl: Decimal, openedValue: ExactSum): Decimal | null {
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
function returnPctOfUnits(
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
