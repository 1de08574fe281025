// TWR over the usual windows, as of the account's last NAV day (docs/metrics.md "Trailing returns"):
// month to date, year to date, one year, and all of the stored history. A window whose start lies before
// the account's first NAV day has no figure (null): it would silently be a shorter one.
import type { Decimal } from "../money.ts";
import type { FlexData } from "../types.ts";
import { computeReturns } from "./compute-returns.ts";

export interface TrailingReturns {
  /** The last NAV day: the windows end there. */
  readonly asOf: string;
  readonly mtdPct: Decimal | null;
  readonly ytdPct: Decimal | null;
  readonly oneYearPct: Decimal | null;
  readonly allPct: Decimal | null;
}

export function trailingReturns(data: FlexData, accountId: string): TrailingReturns | null {
  const twrFrom = (from: string | undefined) =>
    computeReturns(data, from === undefined ? {} : { from }).accounts.find((a) => a.accountId === accountId);
  const all = twrFrom(undefined);
  const first = all?.navSeries[0]?.date;
  const asOf = all?.navSeries.at(-1)?.date;
  if (all === undefined || first === undefined || asOf === undefined) return null;
  // A window starting on `from` needs a NAV day before it (its d0).
  const within = (from: string) => (first < from ? (twrFrom(from)?.twrPct ?? null) : null);
  return {
    asOf,
    mtdPct: within(`${asOf.slice(0, 7)}-01`),
    ytdPct: within(`${asOf.slice(0, 4)}-01-01`),
    oneYearPct: within(dayAfter(yearBefore(asOf))),
    allPct: all.twrPct,
  };
}

/** The same day a year earlier (29 February → 28 February). */
function yearBefore(day: string): string {
  const year = Number(day.slice(0, 4)) - 1;
  const monthDay = day.slice(5) === "02-29" ? "02-28" : day.slice(5);
  return `${String(year).padStart(4, "0")}-${monthDay}`;
}

function dayAfter(day: string): string {
  const t = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)) + 1);
  return new Date(t).toISOString().slice(0, 10);
}
