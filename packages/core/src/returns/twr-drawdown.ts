// docs/metrics.md "Maximum drawdown of the TWR index": flows do not move the index, so this is the worst
// fall of the investment itself, not of the NAV (which withdrawals would lower).
import { type Decimal, ONE, ZERO } from "../money.ts";
import type { MaxDrawdown, NavDay } from "./returns-types.ts";

export function twrDrawdown(days: readonly NavDay[]): MaxDrawdown {
  let peak = ONE;
  let peakDate: string | null = days[0]?.date ?? null;
  let worst: Decimal = ZERO;
  let worstPeak: string | null = null;
  let worstTrough: string | null = null;
  for (const day of days) {
    if (day.twrIndex.gt(peak)) {
      peak = day.twrIndex;
      peakDate = day.date;
      continue;
    }
    // The peak is never below 1 (the index starts there), so the quotient is defined.
    const fall = peak.minus(day.twrIndex).div(peak);
    if (fall.gt(worst)) {
      worst = fall;
      worstPeak = peakDate;
      worstTrough = day.date;
    }
  }
  return { pct: worst.times(100), peak: worstPeak, trough: worstTrough };
}
