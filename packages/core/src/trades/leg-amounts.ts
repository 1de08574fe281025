// A leg's notional and cash flow as integers of 10^-scale, so addLeg builds one Decimal (the cash flow) per leg
// instead of three to five (products, difference, base amount) and feeds its sums without decomposing them.
// Every operation is on safe integers and checked to stay safe, so it is exact, and so is decimal.js for these
// sizes (≤ 16 digits, precision 34): the values are the Decimal operations' values. Anything else — a zero
// anywhere (its sign follows decimal.js's rules), a long or huge operand — returns false and the caller takes
// the Decimal way.
import { decompose, termScale, termUnits } from "../decimal-units.ts";
import { type Decimal, isOne } from "../money.ts";

/**
 * Written by legAmounts() and baseAmount() rather than returned, as exact-sum's decompose() does: they run once
 * per leg. Each amount is sign × integer × 10^-scale with the smallest scale ≥ 0.
 */
export const amounts = {
  /** quantity × price × multiplier. */
  notionalUnits: 0,
  notionalScale: 0,
  /** The commission itself (units 0 when it is zero): the trade's fees take it without decomposing it again. */
  commissionUnits: 0,
  commissionScale: 0,
  /** commission − notional. */
  cashUnits: 0,
  cashScale: 0,
  /** cash × fxRateToBase. */
  baseUnits: 0,
  baseScale: 0,
};

const MAX_SCALE = 15;
const POW10 = Array.from({ length: 2 * MAX_SCALE + 1 }, (_, i) => 10 ** i);

const isSafe = (n: number): boolean => n <= Number.MAX_SAFE_INTEGER && n >= -Number.MAX_SAFE_INTEGER;

export function legAmounts(
  quantity: Decimal,
  price: Decimal,
  multiplier: Decimal,
  commission: Decimal,
): boolean {
  if (quantity.isZero() || price.isZero() || multiplier.isZero()) return false;
  if (!decompose(quantity)) return false;
  const qu = termUnits();
  const qs = termScale();
  if (!decompose(price)) return false;
  // A product of safe integers rounds to at least 2^53 when it is not safe itself: the check is exact.
  let n = qu * termUnits();
  let ns = qs + termScale();
  if (!isSafe(n)) return false;
  if (!isOne(multiplier)) {
    if (!decompose(multiplier)) return false;
    n *= termUnits();
    ns += termScale();
    if (!isSafe(n)) return false;
  }
  while (ns > 0 && n % 10 === 0) {
    n /= 10;
    ns -= 1;
  }
  if (ns > MAX_SCALE) return false;

  let c = -n;
  let cs = ns;
  let ku = 0;
  let ks = 0;
  if (!commission.isZero()) {
    if (!decompose(commission)) return false;
    ku = termUnits();
    ks = termScale();
    cs = Math.max(ks, ns);
    const a = ku * POW10[cs - ks]!;
    const b = n * POW10[cs - ns]!;
    c = a - b;
    // A zero difference keeps decimal.js's sign of zero only on the Decimal way.
    if (!isSafe(a) || !isSafe(b) || !isSafe(c) || c === 0) return false;
    while (cs > 0 && c % 10 === 0) {
      c /= 10;
      cs -= 1;
    }
  }
  amounts.commissionUnits = ku;
  amounts.commissionScale = ks;
  amounts.notionalUnits = n;
  amounts.notionalScale = ns;
  amounts.cashUnits = c;
  amounts.cashScale = cs;
  return true;
}

/** The cash flow in base currency, after a true legAmounts(); false sends the caller the Decimal way. */
export function baseAmount(fxRateToBase: Decimal): boolean {
  if (fxRateToBase.isZero() || !decompose(fxRateToBase)) return false;
  let u = amounts.cashUnits * termUnits();
  let s = amounts.cashScale + termScale();
  if (!isSafe(u)) return false;
  while (s > 0 && u % 10 === 0) {
    u /= 10;
    s -= 1;
  }
  if (s > MAX_SCALE) return false;
  amounts.baseUnits = u;
  amounts.baseScale = s;
  return true;
}
