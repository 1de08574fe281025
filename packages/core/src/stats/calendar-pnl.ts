// Daily and monthly P&L by the exchange-time date a trade closed. Trades arrive sorted by closedAt, so one
// day's trades are consecutive: a day's P&L is the equity curve's rise over that run (two Decimal operations
// per run instead of one per trade). Unsorted input still works; a day then has several runs.
import { type Decimal, ZERO } from "../money.ts";
import type { CalendarPnl, EquityPoint, Outcome } from "./stats-types.ts";

interface Row {
  date: string;
  trades: number;
  wins: number;
  losses: number;
  scratches: number;
  netPnlBase: Decimal;
}

function newRow(date: string): Row {
  return { date, trades: 0, wins: 0, losses: 0, scratches: 0, netPnlBase: ZERO };
}

function sortedRows(rows: Map<string, Row>): CalendarPnl[] {
  return [...rows.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export interface CalendarPnlResult {
  readonly daily: CalendarPnl[];
  readonly monthly: CalendarPnl[];
}

/** `closeDates[i]`, `outcomes[i]` and `curve[i]` describe the same trade (yyyy-MM-dd, exchange time). */
export function calendarPnl(
  closeDates: readonly string[],
  outcomes: readonly Outcome[],
  curve: readonly EquityPoint[],
): CalendarPnlResult {
  const days = new Map<string, Row>();
  let run: Row | null = null;
  let runStart: Decimal = ZERO;
  const cumulativeBefore = (i: number): Decimal => (i === 0 ? ZERO : curve[i - 1]!.cumulativePnlBase);
  for (let i = 0; i < closeDates.length; i++) {
    const date = closeDates[i]!;
    if (run === null || run.date !== date) {
      const cumulative = cumulativeBefore(i);
      if (run !== null) run.netPnlBase = run.netPnlBase.plus(cumulative.minus(runStart));
      runStart = cumulative;
      run = days.get(date) ?? newRow(date);
      days.set(date, run);
    }
    run.trades += 1;
    const outcome = outcomes[i]!;
    if (outcome === "win") run.wins += 1;
    else if (outcome === "loss") run.losses += 1;
    else run.scratches += 1;
  }
  if (run !== null) run.netPnlBase = run.netPnlBase.plus(cumulativeBefore(closeDates.length).minus(runStart));

  const daily = sortedRows(days);
  const months = new Map<string, Row>();
  for (const day of daily) {
    const key = day.date.slice(0, 7);
    let month = months.get(key);
    if (month === undefined) {
      month = newRow(key);
      months.set(key, month);
    }
    month.trades += day.trades;
    month.wins += day.wins;
    month.losses += day.losses;
    month.scratches += day.scratches;
    month.netPnlBase = month.netPnlBase.plus(day.netPnlBase);
  }
  return { daily, monthly: sortedRows(months) };
}
