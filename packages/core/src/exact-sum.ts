// Exact sums of Decimals on a double-precision fast path (ADR 0008). A sum is kept as an integer number of
// units of 10^-scale; while every term and every partial sum is a safe integer (< 2^53) that integer is exact,
// and the result equals what a chain of Decimal `plus` calls would give: that chain is itself exact as long as
// no partial sum needs more than 34 significant digits, which `bound` guarantees. Anything outside these
// limits (a term with more than 15 digits or scale > 15, a huge sum) switches to the Decimal chain from the
// exact value reached so far, so the result is always the Decimal chain's.
import { decompose, decomposed, fromUnits, MAX_SCALE, POW10, scaleOf } from "./decimal-units.ts";
import type { Decimal } from "./money.ts";

/** Σ|term| in units: every partial sum then has at most 33 significant digits (precision is 34). */
const MAX_BOUND = 1e32;

export class ExactSum {
  private units = 0;
  private scale = 0;
  /** Σ|term| in units of 10^-boundScale, the largest scale of any term (long ones included). */
  private bound = 0;
  private boundScale = 0;
  /** The part of the sum already moved into a Decimal (a flushed chunk, or everything once `slow`). */
  private base: Decimal | null = null;
  private slow = false;
  /** value() until the next change: building a Decimal costs about as much as one addition. */
  private cached: Decimal | null = null;

  /** A chain `start.plus(…)`: `start` is taken as it is, not rounded as `ZERO.plus(start)` would. */
  constructor(start?: Decimal) {
    if (start === undefined) return;
    const fast = decompose(start)
      ? this.addUnits(decomposed[0]!, decomposed[1]!, Math.abs(decomposed[0]!))
      : this.addLong(start);
    if (!fast) {
      this.slow = true;
      this.base = start;
    }
  }

  /**
   * Sets termUnits/termScale to the sum's value, as decompose(value()) would but without building it and
   * not necessarily at the smallest scale, when the sum is one safe integer of units; false otherwise.
   */
  decomposeValue(): boolean {
    if (this.slow || this.base !== null) return false;
    decomposed[0] = this.units;
    decomposed[1] = this.scale;
    return true;
  }

  /**
   * Whether adding `sums` together with addSum (nulls are empty sums) gives the same value in any order and
   * grouping: none is on the Decimal chain, and Σ of their bounds at the largest bound scale is at most half of
   * MAX_BOUND. Any grouping computes its partial bounds from the same stored bounds in at most 2 × sums.length
   * roundings (relative error < 2^-53 × 2^21), so none exceeds MAX_BOUND: no addSum leaves the fast path, every
   * Decimal addition in it is exact (≤ 33 digits, the bound argument above), and every value() (and mean()) is
   * that of the exact sum of all terms, built canonically (fromUnits, or an exact decimal.js addition; a zero is
   * +0 both ways) — the same Decimal whichever way the sums were grouped.
   */
  static mergeInAnyOrder(sums: readonly (ExactSum | null)[]): boolean {
    if (sums.length > 2 ** 20) return false;
    let scale = 0;
    for (const s of sums) {
      if (s === null) continue;
      if (s.slow) return false;
      if (s.boundScale > scale) scale = s.boundScale;
    }
    let total = 0;
    for (const s of sums) if (s !== null) total += s.bound * POW10[scale - s.boundScale]!;
    return total <= MAX_BOUND / 2;
  }

  /** An independent sum in the very same state: the same chain from here on. */
  copy(): ExactSum {
    const c = new ExactSum();
    c.units = this.units;
    c.scale = this.scale;
    c.bound = this.bound;
    c.boundScale = this.boundScale;
    c.base = this.base;
    c.slow = this.slow;
    c.cached = this.cached;
    return c;
  }

  add(x: Decimal): void {
    this.cached = null;
    if (this.slow) {
      this.base = this.base!.plus(x);
      return;
    }
    const fast = decompose(x)
      ? this.addUnits(decomposed[0]!, decomposed[1]!, Math.abs(decomposed[0]!))
      : this.addLong(x);
    if (!fast) this.toSlow(x);
  }

  /**
   * A term with more than 15 digits (e.g. a 17-digit base-currency P&L) goes into `base` by one Decimal
   * addition instead of sending the whole sum down the Decimal chain. It counts in the bound like any term
   * (at its own scale, without rescaling the fast units), so every partial sum of the original chain still
   * has at most 33 digits and that addition is exact. False (nothing changed) for a scale beyond 15 or a
   * term that would break the bound.
   */
  private addLong(x: Decimal): boolean {
    const scale = scaleOf(x);
    if (scale < 0) return false;
    // |x| < 10^(e+1), i.e. below 10^(e+1+scale) units; beyond 10^32 the bound fails whatever the rounding.
    const power = x.e + 1 + scale;
    if (power > 32) return false;
    const boundScale = Math.max(this.boundScale, scale);
    const bound =
      this.bound * POW10[boundScale - this.boundScale]! + 10 ** power * POW10[boundScale - scale]!;
    if (bound > MAX_BOUND) return false;
    this.bound = bound;
    this.boundScale = boundScale | 0; // a small integer, not a float from decompose(): see TradeSum.scale
    this.base = this.base === null ? x : this.base.plus(x);
    return true;
  }

  /**
   * Adds units × 10^-scale (a safe integer, scale ≤ 15) when the fast path takes it, and says so; false
   * changes nothing, and the caller adds the same value as a Decimal instead. Lets a caller that already has
   * a term's units skip building and decomposing a Decimal.
   */
  addScaled(units: number, scale: number): boolean {
    if (this.slow || !this.addUnits(units, scale, Math.abs(units))) return false;
    this.cached = null;
    return true;
  }

  /** this.value().div(count) (count a positive integer), skipping the long division when the mean is exact. */
  mean(count: number): Decimal {
    if (!this.slow && this.base === null && this.units !== 0) {
      const q = exactQuotient(this.units, this.scale, count);
      if (q !== null) return q;
    }
    return divideByCount(this.value(), count);
  }

  /** Adds |x|, without the Decimal `abs()` would allocate. */
  addAbs(x: Decimal): void {
    this.cached = null;
    if (this.slow) {
      this.base = this.base!.plus(x.abs());
      return;
    }
    const fast = decompose(x)
      ? this.addUnits(Math.abs(decomposed[0]!), decomposed[1]!, Math.abs(decomposed[0]!))
      : this.addLong(x.abs());
    if (!fast) this.toSlow(x.abs());
  }

  /**
   * Adds another sum, as `plus(other.value())` would: its fast units here, its `base` (long terms, flushed
   * chunks) by one Decimal addition, exact since the bound covers the terms of both sums.
   */
  addSum(other: ExactSum): void {
    this.cached = null;
    if (!this.slow && !other.slow && this.addUnits(other.units, other.scale, other.bound, other.boundScale)) {
      if (other.base !== null) this.base = this.base === null ? other.base : this.base.plus(other.base);
      return;
    }
    this.add(other.value());
  }

  value(): Decimal {
    if (this.slow) return this.base!;
    if (this.cached === null) {
      const chunk = fromUnits(this.units, this.scale);
      this.cached = this.base === null ? chunk : this.base.plus(chunk);
    }
    return this.cached;
  }

  /**
   * Adds `units` × 10^-scale, whose terms sum to at most `termBound` units of 10^-termBoundScale (≥ scale) in
   * absolute value. Checks before it changes anything; false when the fast path cannot take it (the caller
   * then goes the Decimal way).
   */
  private addUnits(units: number, scale: number, termBound: number, termBoundScale = scale): boolean {
    const boundScale = Math.max(this.boundScale, termBoundScale);
    const bound =
      this.bound * POW10[boundScale - this.boundScale]! + termBound * POW10[boundScale - termBoundScale]!;
    if (bound > MAX_BOUND) return false;
    const up = scale > this.scale ? POW10[scale - this.scale]! : 1;
    const down = scale < this.scale ? POW10[this.scale - scale]! : 1;
    let term = units * down;
    if (!Number.isSafeInteger(term)) {
      // A large term below the chunk's scale (8886.5 after a 14-place amount): the chunk moves into `base`
      // (exact, the bound holds) and the fast part starts again at the term's own scale, instead of the whole
      // sum leaving the fast path. Here scale < this.scale, so there is nothing to rescale.
      if (this.units !== 0) this.flush();
      this.scale = scale | 0;
      term = units;
    } else if (up !== 1) {
      const rescaled = this.units * up;
      if (Number.isSafeInteger(rescaled)) this.units = rescaled;
      else this.flush();
      this.scale = scale | 0;
    }
    this.bound = bound;
    this.boundScale = boundScale | 0; // a small integer, not a float from decompose(): see TradeSum.scale
    const sum = this.units + term;
    if (Number.isSafeInteger(sum)) {
      this.units = sum;
    } else {
      this.flush();
      this.units = term;
    }
    return true;
  }

  /** Moves the fast chunk into `base`: an exact Decimal addition (the bound holds). */
  private flush(): void {
    const chunk = fromUnits(this.units, this.scale);
    this.base = this.base === null ? chunk : this.base.plus(chunk);
    this.units = 0;
  }

  /** From here on, the plain Decimal chain, starting from the exact sum so far. */
  private toSlow(x: Decimal): void {
    const sofar = this.value();
    this.slow = true;
    this.base = sofar.plus(x);
  }
}

/**
 * units × 10^-scale ÷ count as a Decimal when the quotient terminates within MAX_SCALE places and stays a
 * safe integer: then it is exact, and so is the same as Decimal division; else null. Means of money amounts
 * (a count of 1, an even sum over 2…) mostly take this way instead of a 34-digit long division.
 */
export function exactQuotient(units: number, scale: number, count: number): Decimal | null {
  for (;;) {
    if (units % count === 0) return fromUnits(units / count, scale);
    if (scale === MAX_SCALE) return null;
    units *= 10;
    scale += 1;
    if (!Number.isSafeInteger(units)) return null;
  }
}

/** total.div(count), without the long division when the quotient is exact (count a positive integer). */
export function divideByCount(total: Decimal, count: number): Decimal {
  if (!total.isZero() && decompose(total)) {
    const q = exactQuotient(decomposed[0]!, decomposed[1]!, count);
    if (q !== null) return q;
  }
  return total.div(count);
}
