// A round trip's running sums (P&L, fees, opened value): a handful of terms each, almost always amounts of a
// few digits. While every term and partial sum is a safe integer of units at one scale the sum is exact, and
// so is decimal.js's chain of additions for it (< 16 digits, precision 34): the values are the same. The first
// term or partial sum that does not fit hands the exact sum so far to an ExactSum (ADR 0008), which goes on
// as the Decimal chain would from there. Per trade this saves ExactSum's bookkeeping for sums that can grow
// without limit (the bound, flushed chunks, a cache) and its allocations: three sums for every one of 30k trades.
import { decompose, decomposed, fromUnits, MAX_SCALE, POW10 } from "./decimal-units.ts";
import { ExactSum } from "./exact-sum.ts";
import type { Decimal } from "./money.ts";

export class TradeSum {
  private units = 0;
  private scale = 0;
  /** Set once the sum left the safe-integer path; it then holds the whole sum. */
  private long: ExactSum | null = null;

  /** A chain `start.plus(…)`: `start` is taken as it is. */
  constructor(start?: Decimal) {
    if (start === undefined || (decompose(start) && this.addUnits(decomposed[0]!, decomposed[1]!))) return;
    // Not `ZERO.plus(start)`, which would round a start of more than 34 digits.
    this.long = new ExactSum(start);
  }

  add(x: Decimal): void {
    if (this.long === null && decompose(x) && this.addUnits(decomposed[0]!, decomposed[1]!)) return;
    this.toLong().add(x);
  }

  /** Adds units × 10^-scale (a safe integer, 0 ≤ scale ≤ 15). */
  addScaled(units: number, scale: number): void {
    if (this.long === null && this.addUnits(units, scale)) return;
    const long = this.toLong();
    if (!long.addScaled(units, scale)) long.add(fromUnits(units, scale));
  }

  /** Adds |x|. */
  addAbs(x: Decimal): void {
    if (this.long === null && decompose(x) && this.addUnits(Math.abs(decomposed[0]!), decomposed[1]!)) return;
    this.toLong().addAbs(x);
  }

  value(): Decimal {
    return this.long === null ? fromUnits(this.units, this.scale) : this.long.value();
  }

  /** Sets termUnits/termScale to the value (not necessarily at its smallest scale); false once it is long. */
  decomposeValue(): boolean {
    if (this.long !== null) return this.long.decomposeValue();
    decomposed[0] = this.units;
    decomposed[1] = this.scale;
    return true;
  }

  /** An independent sum in the very same state. */
  copy(): TradeSum {
    const c = new TradeSum();
    c.units = this.units;
    c.scale = this.scale;
    if (this.long !== null) c.long = this.long.copy();
    return c;
  }

  /** False (nothing changed) when the term, the rescaled sum or the new sum is not a safe integer. */
  private addUnits(units: number, scale: number): boolean {
    let sum = this.units;
    let term = units;
    let at = this.scale;
    if (scale > at) {
      if (scale > MAX_SCALE) return false;
      sum *= POW10[scale - at]!;
      if (!Number.isSafeInteger(sum)) return false;
      at = scale;
    } else if (scale < at) {
      term *= POW10[at - scale]!;
      if (!Number.isSafeInteger(term)) return false;
    }
    sum += term;
    if (!Number.isSafeInteger(sum)) return false;
    this.units = sum;
    // `| 0`: a scale read from decompose()'s Float64Array is a float; stored as one, the field (of every
    // TradeSum) would hold a boxed number.
    this.scale = at | 0;
    return true;
  }

  /** The ExactSum holding everything from here on, started at the exact value so far. */
  private toLong(): ExactSum {
    this.long ??= this.units === 0 ? new ExactSum() : new ExactSum(fromUnits(this.units, this.scale));
    return this.long;
  }
}
