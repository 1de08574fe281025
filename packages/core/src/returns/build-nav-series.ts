// returns-contract rules 3 and 4: daily returns with each day's flows taken at the start of the day, chained.
import { type Decimal, ONE, ZERO } from "../money.ts";
import type { NavDay } from "./returns-types.ts";
import type { NavPoint } from "./select-nav-days.ts";

export interface NavSeries {
  readonly days: NavDay[];
  /** Days whose capital at the start, N(di−1) + C(di), was 0: their return counts as 0. */
  readonly zeroCapitalDays: string[];
}

/** d0 … dn with r(i) and the TWR index; `flows` holds C(d) by day. */
export function buildNavSeries(points: readonly NavPoint[], flows: ReadonlyMap<string, Decimal>): NavSeries {
  const days: NavDay[] = [];
  const zeroCapitalDays: string[] = [];
  let index = ONE;
  let previous: NavPoint | null = null;
  for (const point of points) {
    const flow = flows.get(point.date) ?? ZERO;
    let dailyReturn: Decimal | null = null;
    if (previous !== null) {
      const capital = previous.nav.plus(flow);
      if (capital.isZero()) {
        dailyReturn = ZERO;
        zeroCapitalDays.push(point.date);
      } else {
        dailyReturn = point.nav.minus(previous.nav).minus(flow).div(capital);
      }
      index = index.times(ONE.plus(dailyReturn));
    }
    days.push({ date: point.date, nav: point.nav, flow, dailyReturn, twrIndex: index });
    previous = point;
  }
  return { days, zeroCapitalDays };
}

/** (Π (1 + r) − 1) × 100 over the given days (d0 excluded: it carries no return). */
export function chainedTwrPct(days: readonly NavDay[]): Decimal {
  let product = ONE;
  for (const day of days) if (day.dailyReturn !== null) product = product.times(ONE.plus(day.dailyReturn));
  return product.minus(ONE).times(100);
}
