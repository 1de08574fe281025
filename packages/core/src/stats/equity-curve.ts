// Drawdown is measured from a running peak that starts at 0 (the account before the first trade), so a
// first losing trade is already a drawdown. Summary and stats share this one definition.
import { type Decimal, ZERO } from "../money.ts";
import type { RoundTrip } from "../report-types.ts";
import type { EquityPoint } from "./stats-types.ts";

export class DrawdownTracker {
  cumulative: Decimal = ZERO;
  peak: Decimal = ZERO;
  maxDrawdown: Decimal = ZERO;

  /** Adds one trade's P&L and returns the drawdown after it (≥ 0). */
  add(pnlBase: Decimal): Decimal {
    this.cumulative = this.cumulative.plus(pnlBase);
    if (this.cumulative.greaterThanOrEqualTo(this.peak)) {
      this.peak = this.cumulative;
      return ZERO;
    }
    const drawdown = this.peak.minus(this.cumulative);
    if (drawdown.greaterThan(this.maxDrawdown)) this.maxDrawdown = drawdown;
    return drawdown;
  }
}

/** Largest fall of the running sum of realizedPnlBase over `trades` in the given order. */
export function maxDrawdownOf(trades: readonly RoundTrip[]): Decimal {
  const tracker = new DrawdownTracker();
  for (const trade of trades) tracker.add(trade.realizedPnlBase);
  return tracker.maxDrawdown;
}

export interface EquityCurve {
  readonly points: EquityPoint[];
  readonly maxDrawdownBase: Decimal;
}

/** One point per trade, in the given order (the report's: by closedAt). */
export function buildEquityCurve(trades: readonly RoundTrip[]): EquityCurve {
  const tracker = new DrawdownTracker();
  const points: EquityPoint[] = new Array(trades.length);
  for (let i = 0; i < trades.length; i++) {
    const trade = trades[i]!;
    const drawdownBase = tracker.add(trade.realizedPnlBase);
    points[i] = {
      time: trade.closedAt,
      pnlBase: trade.realizedPnlBase,
      cumulativePnlBase: tracker.cumulative,
      drawdownBase,
    };
  }
  return { points, maxDrawdownBase: tracker.maxDrawdown };
}
