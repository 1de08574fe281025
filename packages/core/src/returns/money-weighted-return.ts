// docs/metrics.md "Money-weighted return (IRR)": the rate at which the starting NAV and the external flows,
// compounded daily, grow into the ending NAV. Solved by bisection in exact decimals on the daily growth factor.
import { Decimal, ONE } from "../money.ts";

export interface DatedAmount {
  /** yyyy-MM-dd */
  readonly date: string;
  readonly amount: Decimal;
}

export interface MoneyWeightedReturn {
  /** Over the whole period, not annualised, in percent. */
  readonly mwrPct: Decimal;
  /** Per year of 365 days, in percent. */
  readonly irrPct: Decimal;
}

/** Bisection stops when the daily growth factor is known to within this (far below the 9 places printed). */
export const MWR_TOLERANCE = new Decimal("1e-30");
const MAX_STEPS = 400;
const DAY_MS = 86_400_000;

/**
 * `start`: N(d0) at the end of d0; `flows`: C(d) for days in (d0, dn], each invested at the start of its day
 * (the end of the day before); `end`: N(dn). Null when no rate solves it (e.g. no money at risk).
 */
export function moneyWeightedReturn(
  start: DatedAmount,
  flows: readonly DatedAmount[],
  end: DatedAmount,
): MoneyWeightedReturn | null {
  const t0 = dayNumber(start.date);
  const total = dayNumber(end.date) - t0;
  if (total <= 0) return null;
  // P(x) = N(dn) − N(d0)·x^T − Σ C(d)·x^(T − t_d): the value at dn of every flow, x the daily growth factor.
  const terms: { coefficient: Decimal; power: number }[] = [
    { coefficient: end.amount, power: 0 },
    { coefficient: start.amount.negated(), power: total },
  ];
  for (const f of flows) {
    const t = dayNumber(f.date) - t0 - 1;
    terms.push({ coefficient: f.amount.negated(), power: total - Math.max(t, 0) });
  }
  if (terms.every((term) => term.coefficient.isZero())) return null;
  const p = (x: Decimal): Decimal => {
    let v = new Decimal(0);
    for (const term of terms) v = v.plus(term.coefficient.times(x.pow(term.power)));
    return v;
  };
  const x = solveNearOne(p);
  if (x === null) return null;
  return {
    mwrPct: x.pow(total).minus(ONE).times(100),
    irrPct: x.pow(365).minus(ONE).times(100),
  };
}

/** The root of p nearest to x = 1 (a 0 % return), searched outward to a daily factor of (0, 1 + 2^24·1e-6]. */
function solveNearOne(p: (x: Decimal) => Decimal): Decimal | null {
  const atOne = p(ONE);
  if (atOne.isZero()) return ONE;
  let up = { x: ONE, v: atOne };
  let down = { x: ONE, v: atOne };
  for (let j = 0; j <= 24; j++) {
    const step = new Decimal("1e-6").times(2 ** j);
    const upX = ONE.plus(step);
    const upV = p(upX);
    if (upV.isZero()) return upX;
    if (upV.isNegative() !== up.v.isNegative()) return bisect(p, up, { x: upX, v: upV });
    up = { x: upX, v: upV };
    if (down.x.greaterThan("1e-12")) {
      const downX = Decimal.max(ONE.minus(step), new Decimal("1e-12"));
      const downV = p(downX);
      if (downV.isZero()) return downX;
      if (downV.isNegative() !== down.v.isNegative()) return bisect(p, { x: downX, v: downV }, down);
      down = { x: downX, v: downV };
    }
  }
  return null;
}

function bisect(
  p: (x: Decimal) => Decimal,
  low: { x: Decimal; v: Decimal },
  high: { x: Decimal; v: Decimal },
): Decimal {
  let lo = low;
  let hi = high;
  for (let i = 0; i < MAX_STEPS && hi.x.minus(lo.x).greaterThan(MWR_TOLERANCE); i++) {
    const mid = lo.x.plus(hi.x).dividedBy(2);
    const v = p(mid);
    if (v.isZero()) return mid;
    if (v.isNegative() === lo.v.isNegative()) lo = { x: mid, v };
    else hi = { x: mid, v };
  }
  return lo.x.plus(hi.x).dividedBy(2);
}

function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}
