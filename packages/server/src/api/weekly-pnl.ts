// Week rows of the calendar's month grids: the P&L of a month's days in one Monday-to-Sunday row, summed
// exactly from core's daily rows (the web app adds no amounts).
import { type Decimal, decimalString, type Stats, ZERO } from "@closeout/core";

export interface WeekPnl {
  /** yyyy-MM of the month grid the row belongs to. */
  readonly month: string;
  /** The row's Monday, yyyy-MM-dd (may fall in the month before). */
  readonly weekStart: string;
  readonly trades: number;
  readonly netPnlBase: Decimal;
}

function mondayOf(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

/** One row per (month, week) with trades, in date order; `daily` is core's, in date order. */
export function weeklyPnl(daily: Stats["daily"]): WeekPnl[] {
  const rows: { month: string; weekStart: string; trades: number; netPnlBase: Decimal }[] = [];
  for (const day of daily) {
    const month = day.date.slice(0, 7);
    const weekStart = mondayOf(day.date);
    let row = rows.at(-1);
    if (row === undefined || row.month !== month || row.weekStart !== weekStart) {
      row = { month, weekStart, trades: 0, netPnlBase: ZERO };
      rows.push(row);
    }
    row.trades += day.trades;
    row.netPnlBase = row.netPnlBase.plus(day.netPnlBase);
  }
  return rows;
}

export function weeklyToJson(rows: readonly WeekPnl[]) {
  return rows.map((w) => ({
    month: w.month,
    weekStart: w.weekStart,
    trades: String(w.trades),
    netPnlBase: decimalString(w.netPnlBase),
  }));
}
