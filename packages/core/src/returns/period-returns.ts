// docs/metrics.md "Monthly and yearly returns": the daily returns chain-linked per calendar month or year.

import { chainedTwrPct } from "./build-nav-series.ts";
import type { NavDay, PeriodReturn } from "./returns-types.ts";

/** `keyLength` 7 groups by "yyyy-MM", 4 by "yyyy". Periods without a daily return are not listed. */
export function periodReturns(days: readonly NavDay[], keyLength: 4 | 7): PeriodReturn[] {
  const out: PeriodReturn[] = [];
  let group: NavDay[] = [];
  const flush = () => {
    const first = group[0];
    const last = group[group.length - 1];
    if (first !== undefined && last !== undefined) {
      out.push({
        period: first.date.slice(0, keyLength),
        from: first.date,
        to: last.date,
        twrPct: chainedTwrPct(group),
      });
    }
    group = [];
  };
  for (const day of days) {
    if (day.dailyReturn === null) continue;
    const head = group[0];
    if (head !== undefined && head.date.slice(0, keyLength) !== day.date.slice(0, keyLength)) flush();
    group.push(day);
  }
  flush();
  return out;
}
