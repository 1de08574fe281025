// docs/metrics.md "Money-weighted return (IRR)": the rate at which the starting NAV and the external flows,
// compounded daily, grow into the ending NAV. Solved in exact decimals for the daily growth factor.
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

/** The solve stops when a step moves the daily growth factor by at most this (far below the 9 places printed). */
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
  const byPower = new Map<number, Decimal>();
  const add = (power: number, coefficient: Decimal) =>
    byPower.set(power, (byPower.get(power) ?? new Decimal(0)).plus(coefficient));
  add(0, end.amount);
  add(total, start.amount.negated());
  for (const f of flows) add(total - Math.max(dayNumber(f.date) - t0 - 1, 0), f.amount.negated());
  const terms = [...byPower]
    .filter(([, c]) => !c.isZero())
    .sort(([a], [b]) => b - a)
    .map(([power, coefficient]) => ({ power, coefficient }));
  if (terms.length === 0) return null;
  const x = solveNearOne(polynomial(terms));
  if (x === null) return null;
  return {
    mwrPct: x.pow(total).minus(ONE).times(100),
    irrPct: x.pow(365).minus(ONE).times(100),
  };
}

interface Term {
  readonly power: number;
  readonly coefficient: Decimal;
}

/** P and P′ at x by Horner's rule over the terms (powers descending): one pass, no large powers. */
type Polynomial = (x: Decimal) => { v: Decimal; slope: Decimal };

function polynomial(terms: readonly Term[]): Polynomial {
  return (x) => {
    let v = new Decimal(0);
    let slope = new Decimal(0);
    let power = terms[0]?.power ?? 0;
    for (const term of terms) {
      [v, slope] = shift(v, slope, x, power - term.power);
      v = v.plus(term.coefficient);
      power = term.power;
    }
    [v, slope] = shift(v, slope, x, power);
    return { v, slope };
  };
}

/** (v, v′) of v·x^g. */
function shift(v: Decimal, slope: Decimal, x: Decimal, g: number): [Decimal, Decimal] {
  if (g === 0) return [v, slope];
  const below = g === 1 ? ONE : x.pow(g - 1);
  const xg = below.times(x);
  return [v.times(xg), slope.times(xg).plus(v.times(g).times(below))];
}

interface Point {
  readonly x: Decimal;
  readonly v: Decimal;
  readonly slope: Decimal;
}

/** The root of P nearest to x = 1 (a 0 % return), searched outward to a daily factor of (0, 1 + 2^24·1e-6]. */
function solveNearOne(p: Polynomial): Decimal | null {
  const at = (x: Decimal): Point => ({ x, ...p(x) });
  let up = at(ONE);
  if (up.v.isZero()) return ONE;
  let down = up;
  for (let j = 0; j <= 24; j++) {
    const step = new Decimal("1e-6").times(2 ** j);
    const nextUp = at(ONE.plus(step));
    if (nextUp.v.isZero()) return nextUp.x;
    if (nextUp.v.isNegative() !== up.v.isNegative()) return refine(at, up, nextUp);
    up = nextUp;
    if (down.x.gt("1e-12")) {
      const nextDown = at(Decimal.max(ONE.minus(step), new Decimal("1e-12")));
      if (nextDown.v.isZero()) return nextDown.x;
      if (nextDown.v.isNegative() !== down.v.isNegative()) return refine(at, nextDown, down);
      down = nextDown;
    }
  }
  return null;
}

/** Newton's method kept inside the bracket [lo, hi] (a bisection step whenever Newton would leave it). */
function refine(at: (x: Decimal) => Point, low: Point, high: Point): Decimal {
  let lo = low;
  let hi = high;
  let cur = Math.abs(lo.v.toNumber()) < Math.abs(hi.v.toNumber()) ? lo : hi;
  for (let i = 0; i < MAX_STEPS; i++) {
    let next = cur.slope.isZero() ? null : cur.x.minus(cur.v.div(cur.slope));
    if (next === null || next.lte(lo.x) || next.gte(hi.x)) {
      next = lo.x.plus(hi.x).div(2);
    }
    const moved = next.minus(cur.x).abs();
    cur = at(next);
    if (cur.v.isZero()) return cur.x;
    if (cur.v.isNegative() === lo.v.isNegative()) lo = cur;
    else hi = cur;
    if (moved.lte(MWR_TOLERANCE) || hi.x.minus(lo.x).lte(MWR_TOLERANCE)) break;
  }
  return cur.x;
}

function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}
