// Drawdown is measured from a running peak that starts at 0 (the account before the first trade), so a
// first losing trade is already a drawdown. Summary and stats share this one definition.
import { type Decimal, ZERO } from "../money.ts";
import type { RoundTrip } from "../report-types.ts";
import type { EquityPoint } from "./stats-types.ts";

export class DrawdownTracker {
  cumulative = ZERO;
  peak = ZERO;
  /** After the last trade: peak − cumulative (≥ 0). */
  drawdown = ZERO;
  maxDrawdown = ZERO;

  /** Adds one trade's P&L. */
  add(pnlBase: Decimal): void {
    this.cumulative = this.cumulative.plus(pnlBase);
    if (this.cumulative.gte(this.peak)) {
      this.peak = this.cumulative;
      this.drawdown = ZERO;
    } else {
      this.drawdown = this.peak.minus(this.cumulative);
      if (this.drawdown.gt(this.maxDrawdown)) this.maxDrawdown = this.drawdown;
    }
  }

  /** The curve's point for `trade`, once added. */
  point(trade: RoundTrip): EquityPoint {
    this.add(trade.realizedPnlBase);
    return {
      time: trade.closedAt,
      pnlBase: trade.realizedPnlBase,
      cumulativePnlBase: this.cumulative,
      drawdownBase: this.drawdown,
    };
  }
}

/** Largest fall of the running sum of realizedPnlBase over `trades` in the given order. */
export function maxDrawdownOf(trades: readonly RoundTrip[]): Decimal {
  const tracker = new DrawdownTracker();
  for (const trade of trades) tracker.add(trade.realizedPnlBase);
  return tracker.maxDrawdown;
}

/** One point per trade, in the given order (the report's: by closedAt). */
export function buildEquityCurve(trades: readonly RoundTrip[]): {
  points: EquityPoint[];
  maxDrawdownBase: Decimal;
} {
  const tracker = new DrawdownTracker();
  const points = trades.map((trade) => tracker.point(trade));
  return { points, maxDrawdownBase: tracker.maxDrawdown };
}
