// Drawdown is measured from a running peak that starts at 0 (the account before the first trade), so a
// first losing trade is already a drawdown. Summary and stats share this one definition.
import { decompose, fromUnits, termScale, termUnits } from "../exact-sum.ts";
import { compareDecimals, type Decimal, ZERO } from "../money.ts";
import type { RoundTrip } from "../report-types.ts";
import type { EquityPoint } from "./stats-types.ts";

export class DrawdownTracker {
  // While every amount is a safe integer number of 10^-scale (ADR 0008) the running figures are plain
  // numbers, exact, and so equal to the Decimal ones; the first amount that does not fit switches to Decimals,
  // starting from the exact figures reached so far.
  private scale = 0;
  private cumulativeUnits = 0;
  private peakUnits = 0;
  private maxUnits = 0;
  private exact: { cumulative: Decimal; peak: Decimal; drawdown: Decimal; max: Decimal } | null = null;

  /** Adds one trade's P&L and returns the drawdown after it (≥ 0). */
  add(pnlBase: Decimal): Decimal {
    if (this.exact === null && this.addUnits(pnlBase)) return this.drawdown;
    this.exact ??= {
      cumulative: this.cumulative,
      peak: fromUnits(this.peakUnits, this.scale),
      drawdown: this.drawdown,
      max: this.maxDrawdown,
    };
    const e = this.exact;
    e.cumulative = e.cumulative.plus(pnlBase);
    if (compareDecimals(e.cumulative, e.peak) >= 0) {
      e.peak = e.cumulative;
      e.drawdown = ZERO;
    } else {
      e.drawdown = e.peak.minus(e.cumulative);
      if (compareDecimals(e.drawdown, e.max) > 0) e.max = e.drawdown;
    }
    return e.drawdown;
  }

  get cumulative(): Decimal {
    return this.exact?.cumulative ?? fromUnits(this.cumulativeUnits, this.scale);
  }

  /** The drawdown after the last trade. */
  get drawdown(): Decimal {
    return this.exact?.drawdown ?? fromUnits(this.peakUnits - this.cumulativeUnits, this.scale);
  }

  get maxDrawdown(): Decimal {
    return this.exact?.max ?? fromUnits(this.maxUnits, this.scale);
  }

  /** The fast path; false (nothing changed) when some figure would not stay a safe integer. */
  private addUnits(pnlBase: Decimal): boolean {
    if (!decompose(pnlBase)) return false;
    let { cumulativeUnits, peakUnits, maxUnits, scale } = this;
    let units = termUnits();
    if (termScale() > scale) {
      const up = 10 ** (termScale() - scale);
      cumulativeUnits *= up;
      peakUnits *= up;
      maxUnits *= up;
      scale = termScale();
    } else {
      units *= 10 ** (scale - termScale());
    }
    if (
      !Number.isSafeInteger(cumulativeUnits) ||
      !Number.isSafeInteger(peakUnits) ||
      !Number.isSafeInteger(maxUnits) ||
      !Number.isSafeInteger(units)
    )
      return false;
    // Sums and differences of safe integers are exact whenever the result is itself a safe integer.
    cumulativeUnits += units;
    const drawdown = peakUnits - cumulativeUnits;
    if (!Number.isSafeInteger(cumulativeUnits) || !Number.isSafeInteger(drawdown)) return false;
    if (drawdown <= 0) peakUnits = cumulativeUnits;
    else if (drawdown > maxUnits) maxUnits = drawdown;
    this.cumulativeUnits = cumulativeUnits;
    this.peakUnits = peakUnits;
    this.maxUnits = maxUnits;
    this.scale = scale;
    return true;
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
