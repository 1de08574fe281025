// returns-contract rule 6: our TWR over the range of IB's latest ChangeInNAV row, against its `twr`.
import { Decimal } from "../money.ts";
import type { ChangeInNavRow } from "../types.ts";
import { chainedTwrPct } from "./build-nav-series.ts";
import type { NavDay, TwrReconciliation } from "./returns-types.ts";

/** IB writes `twr` to 9 places; 0.001 percentage points leaves room for its rounding and nothing more. */
export const TWR_TOLERANCE_PCT: Decimal = new Decimal("0.001");

const UNAVAILABLE: TwrReconciliation = {
  brokerTwrPct: null,
  status: "unavailable",
  twrPct: null,
  fromDate: null,
  toDate: null,
};

/** `rows`: the account's ChangeInNAV rows; `days`: its whole NAV series d0 … dn. */
export function reconcileTwr(rows: readonly ChangeInNavRow[], days: readonly NavDay[]): TwrReconciliation {
  const row = latestChangeInNav(rows);
  if (row === null || row.twrPct === null) return UNAVAILABLE;
  const { fromDate, toDate } = row;
  // The window's first day must have a NAV day before it (its d0), i.e. carry a daily return.
  const window = days.filter((d) => d.date >= fromDate && d.date <= toDate);
  const first = window[0];
  if (first === undefined || first.dailyReturn === null) return { ...UNAVAILABLE, fromDate, toDate };
  const twrPct = chainedTwrPct(window);
  const within = twrPct.minus(row.twrPct).abs().lte(TWR_TOLERANCE_PCT);
  return { brokerTwrPct: row.twrPct, status: within ? "matches" : "differs", twrPct, fromDate, toDate };
}

/** The row with the latest toDate; ties go to the later statement. */
function latestChangeInNav(rows: readonly ChangeInNavRow[]): ChangeInNavRow | null {
  let best: ChangeInNavRow | null = null;
  for (const row of rows) {
    if (
      best === null ||
      row.toDate > best.toDate ||
      (row.toDate === best.toDate && row.statementIndex >= best.statementIndex)
    )
      best = row;
  }
  return best;
}
