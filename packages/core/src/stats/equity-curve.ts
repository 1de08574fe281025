// Drawdown is measured from a running peak that starts at 0 (the account before the first trade), so a
// first losing trade is already a drawdown. Summary and stats share this one definition.
import { compareDecimals, type Decimal, ZERO } from "../money.ts";
import type { RoundTrip } from "../report-types.ts";
import { WideInt } from "../wide-int.ts";
import type { EquityPoint } from "./stats-types.ts";

export class DrawdownTracker {
  // While every figure is an integer number of 10^-scale that fits a WideInt (two doubles, up to ~9 × 10^29,
  // ADR 0008) the running figures are integer arithmetic, exact, and so equal to the Decimal ones: those have
  // at most 30 digits, which 34-digit Decimal arithmetic never rounds. A base-currency P&L of 17 digits
  // (cash flow × FX rate) stays on this path. The first figure that does not fit switches to Decimals,
  // starting from the exact figures reached so far.
  private scale = 0;
  private readonly cumulativeUnits = new WideInt();
  private readonly peakUnits = new WideInt();
  private readonly maxUnits = new WideInt();
  /** The drawdown after the last trade: peak − cumulative, or 0 at a new peak. */
  private readonly drawdownUnits = new WideInt();
  private exact: { cumulative: Decimal; peak: Decimal; drawdown: Decimal; max: Decimal } | null = null;

  /** Adds one trade's P&L and returns the drawdown after it (≥ 0). */
  add(pnlBase: Decimal): Decimal {
    this.step(pnlBase);
    return this.drawdown;
  }

  /** add() without building the drawdown Decimal: for callers that only want the figures at the end. */
  step(pnlBase: Decimal): void {
    if (this.exact === null && this.addUnits(pnlBase)) return;
    this.exact ??= {
      cumulative: this.cumulative,
      peak: this.peakUnits.toDecimal(this.scale),
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
  }

  get cumulative(): Decimal {
    return this.exact?.cumulative ?? this.cumulativeUnits.toDecimal(this.scale);
  }

  /** The drawdown after the last trade. */
  get drawdown(): Decimal {
    return this.exact?.drawdown ?? this.drawdownUnits.toDecimal(this.scale);
  }

  get maxDrawdown(): Decimal {
    return this.exact?.max ?? this.maxUnits.toDecimal(this.scale);
  }

  /**
   * Writes the figures after the last trade into `columns` at `index` while they are integers (true); false
   * once they are Decimals, which the caller then takes from `cumulative` and `drawdown`.
   */
  recordUnits(columns: CurveColumns, index: number): boolean {
    if (this.exact !== null) return false;
    columns.write(index, this.cumulativeUnits, this.drawdownUnits, this.scale);
    return true;
  }

  /** The fast path; false (nothing changed) when some figure would not fit. */
  private addUnits(pnlBase: Decimal): boolean {
    const term = scratchTerm;
    const termScale = term.setDecimal(pnlBase);
    if (termScale < 0) return false;
    const cumulative = scratchCumulative;
    const peak = scratchPeak;
    const max = scratchMax;
    cumulative.set(this.cumulativeUnits);
    peak.set(this.peakUnits);
    max.set(this.maxUnits);
    let scale = this.scale;
    // Scales only grow: the figures move to the term's scale, or the term to theirs.
    if (termScale > scale) {
      const up = termScale - scale;
      if (!cumulative.scaleUp(up) || !peak.scaleUp(up) || !max.scaleUp(up)) return false;
      scale = termScale;
    } else if (!term.scaleUp(scale - termScale)) return false;
    if (!cumulative.add(term.hi, term.lo)) return false;
    const drawdown = scratchDrawdown;
    if (!drawdown.difference(peak, cumulative)) return false;
    if (drawdown.isNegative() || drawdown.isZero()) {
      peak.set(cumulative);
      drawdown.hi = 0;
      drawdown.lo = 0;
    } else if (drawdown.compare(max) > 0) max.set(drawdown);
    this.cumulativeUnits.set(cumulative);
    this.peakUnits.set(peak);
    this.maxUnits.set(max);
    this.drawdownUnits.set(drawdown);
    this.scale = scale;
    return true;
  }
}

// addUnits' working figures, committed only when every step fits: shared, as trackers never interleave a call.
const scratchTerm = new WideInt();
const scratchCumulative = new WideInt();
const scratchPeak = new WideInt();
const scratchMax = new WideInt();
const scratchDrawdown = new WideInt();

/** Largest fall of the running sum of realizedPnlBase over `trades` in the given order. */
export function maxDrawdownOf(trades: readonly RoundTrip[]): Decimal {
  const tracker = new DrawdownTracker();
  for (const trade of trades) tracker.step(trade.realizedPnlBase);
  return tracker.maxDrawdown;
}

export interface EquityCurve {
  readonly points: EquityPoint[];
  readonly maxDrawdownBase: Decimal;
}

/**
 * The running figures of a curve's points while they are integers: WideInt limbs and the scale, in columns by
 * point index. Typed arrays rather than fields of each point: a limb beyond 2^31 in an object field is a
 * boxed number of its own.
 */
export class CurveColumns {
  /** Per point: cumulative hi, lo, drawdown hi, lo. */
  private readonly limbs: Float64Array;
  private readonly scales: Int8Array;

  constructor(points: number) {
    this.limbs = new Float64Array(points * 4);
    this.scales = new Int8Array(points);
  }

  write(index: number, cumulative: WideInt, drawdown: WideInt, scale: number): void {
    const at = index * 4;
    this.limbs[at] = cumulative.hi;
    this.limbs[at + 1] = cumulative.lo;
    this.limbs[at + 2] = drawdown.hi;
    this.limbs[at + 3] = drawdown.lo;
    this.scales[index] = scale;
  }

  /** The figure at `index` (0: cumulative, 2: drawdown) as the Decimal the tracker would have built. */
  decimalAt(index: number, figure: 0 | 2): Decimal {
    const at = index * 4 + figure;
    scratchRead.hi = this.limbs[at]!;
    scratchRead.lo = this.limbs[at + 1]!;
    return scratchRead.toDecimal(this.scales[index]!);
  }
}

const scratchRead = new WideInt();

/**
 * A point of the curve whose running figures are built on first read (ADR 0008, fourth pass): a curve has a
 * point per trade, and what reads it mostly wants a few — the API's daily curve takes each day's last point,
 * the calendar the point that ends each day's run of trades. The same instance on every read; toJSON gives the
 * plain point.
 */
export class CurvePoint implements EquityPoint {
  constructor(
    readonly time: string,
    readonly pnlBase: Decimal,
    private readonly columns: CurveColumns | null,
    private readonly index: number,
    private cumulative: Decimal | null,
    private drawdown: Decimal | null,
  ) {}

  get cumulativePnlBase(): Decimal {
    this.cumulative ??= this.columns!.decimalAt(this.index, 0);
    return this.cumulative;
  }

  get drawdownBase(): Decimal {
    this.drawdown ??= this.columns!.decimalAt(this.index, 2);
    return this.drawdown;
  }

  toJSON(): { time: string; pnlBase: Decimal; cumulativePnlBase: Decimal; drawdownBase: Decimal } {
    return {
      time: this.time,
      pnlBase: this.pnlBase,
      cumulativePnlBase: this.cumulativePnlBase,
      drawdownBase: this.drawdownBase,
    };
  }
}

/** One point per trade, in the given order (the report's: by closedAt). */
export function buildEquityCurve(trades: readonly RoundTrip[]): EquityCurve {
  const tracker = new DrawdownTracker();
  const columns = new CurveColumns(trades.length);
  const points: EquityPoint[] = new Array(trades.length);
  for (let i = 0; i < trades.length; i++) points[i] = equityPoint(tracker, trades[i]!, columns, i);
  return { points, maxDrawdownBase: tracker.maxDrawdown };
}

/**
 * Point `index` of the curve: `trade` added to `tracker`, its figures kept in `columns` while they are
 * integers. For callers that walk the trades anyway.
 */
export function equityPoint(
  tracker: DrawdownTracker,
  trade: RoundTrip,
  columns: CurveColumns,
  index: number,
): EquityPoint {
  tracker.step(trade.realizedPnlBase);
  const pnl = trade.realizedPnlBase;
  return tracker.recordUnits(columns, index)
    ? new CurvePoint(trade.closedAt, pnl, columns, index, null, null)
    : new CurvePoint(trade.closedAt, pnl, null, index, tracker.cumulative, tracker.drawdown);
}
