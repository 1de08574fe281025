// Exact sums of Decimals on a double-precision fast path (ADR 0008). A sum is kept as an integer number of
// units of 10^-scale; while every term and every partial sum is a safe integer (< 2^53) that integer is exact,
// and the result equals what a chain of Decimal `plus` calls would give: that chain is itself exact as long as
// no partial sum needs more than 34 significant digits, which `bound` guarantees. Anything outside these
// limits (a term with more than 15 digits or scale > 15, a huge sum) switches to the Decimal chain from the
// exact value reached so far, so the result is always the Decimal chain's.
import { Decimal, ZERO } from "./money.ts";

/** 10^0 … 10^15: all exact doubles. */
const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);
const MAX_SCALE = 15;
/** Σ|term| in units: every partial sum then has at most 33 significant digits (precision is 34). */
const MAX_BOUND = 1e32;

// decompose() writes here rather than allocating a result object: it runs once per term.
// In a Float64Array rather than module variables: a module variable holding a double beyond 2^31 is a boxed
// number, allocated anew on every write (a few hundred thousand per build); a typed array stores it in place.
const decomposed = new Float64Array(2);

/**
 * Sets termUnits/termScale to x as sign × integer × 10^-scale with the smallest scale ≥ 0; false when that
 * integer is not a safe integer or the scale exceeds MAX_SCALE. Reads decimal.js's documented representation:
 * `d` holds base-1e7 words (the first without leading zeros, trailing zero words dropped), `e` is the
 * decimal exponent of the first digit, `s` the sign.
 */
export function decompose(x: Decimal): boolean {
  const d = x.d;
  if (d === null || d.length > 3) return false; // NaN/±Infinity, or more than 15 digits: not safe
  const first = d[0]!;
  if (first === 0) {
    decomposed[0] = 0;
    decomposed[1] = 0;
    return true;
  }
  const n = d.length;
  const firstDigits =
    first < 10
      ? 1
      : first < 100
        ? 2
        : first < 1e3
          ? 3
          : first < 1e4
            ? 4
            : first < 1e5
              ? 5
              : first < 1e6
                ? 6
                : 7;
  // Power of ten of the last stored digit; trailing zeros of the fraction are dropped from the last word
  // (a small integer, so this stays cheap) to keep the scale, and with it the units, as small as possible.
  let exp = x.e - (firstDigits - 1) - 7 * (n - 1);
  let last = d[n - 1]! | 0;
  let lastDigits = n === 1 ? firstDigits : 7;
  while (exp < 0 && last % 10 === 0) {
    last = (last / 10) | 0; // a word is < 1e7: int32 arithmetic, not floating modulo
    exp += 1;
    lastDigits -= 1;
  }
  let units = last;
  if (n > 1) {
    const head = n === 2 ? first : first * 1e7 + d[1]!;
    units = head * POW10[lastDigits]! + last;
    if (units > Number.MAX_SAFE_INTEGER) return false;
  }
  if (exp > 0) {
    if (exp > MAX_SCALE) return false;
    units *= POW10[exp]!;
    if (units > Number.MAX_SAFE_INTEGER) return false;
    exp = 0;
  }
  if (-exp > MAX_SCALE) return false;
  decomposed[0] = x.s < 0 ? -units : units;
  decomposed[1] = -exp;
  return true;
}

/**
 * The number of decimal places of a finite non-zero x (trailing zeros dropped), or −1 when that exceeds
 * MAX_SCALE or x is not finite. For terms decompose() refuses: more than 15 digits.
 */
function scaleOf(x: Decimal): number {
  const d = x.d;
  if (d === null || !d[0]) return -1;
  const n = d.length;
  let last = d[n - 1]! | 0;
  // The last word holds the digits of exponents 7k … 7k+6 below the first word's (decompose's arithmetic).
  let exp = x.e - (digitsOf(d[0]!) - 1) - 7 * (n - 1);
  while (exp < 0 && last % 10 === 0) {
    last = (last / 10) | 0;
    exp += 1;
  }
  if (exp >= 0) return 0;
  return -exp > MAX_SCALE ? -1 : -exp;
}

function digitsOf(word: number): number {
  return word < 10
    ? 1
    : word < 100
      ? 2
      : word < 1e3
        ? 3
        : word < 1e4
          ? 4
          : word < 1e5
            ? 5
            : word < 1e6
              ? 6
              : 7;
}

/** The last successful decompose(): x = termUnits() × 10^-termScale(). */
export const termUnits = (): number => decomposed[0]!;
export const termScale = (): number => decomposed[1]!;

/**
 * units × 10^-scale as a Decimal; units a safe integer, scale ≥ 0. Built straight from the words instead of
 * through `new Decimal("…e-…")`: parsing text cost as much as a dozen additions, and this runs once per sum
 * per trade. The result is the canonical representation decimal.js's parser gives (the property tests in
 * exact-sum.test.ts compare the two): words aligned to the decimal point, no leading or trailing zero words.
 */
export function fromUnits(units: number, scale: number): Decimal {
  if (units === 0) return ZERO;
  if (scale < SMALL_SCALES && units > -SMALL_UNITS && units < SMALL_UNITS) {
    const i = (scale * 2 + 1) * SMALL_UNITS + units;
    let x = small[i];
    if (x === undefined) {
      x = buildFromUnits(units, scale);
      small[i] = x;
    }
    return x;
  }
  return buildFromUnits(units, scale);
}

/**
 * fromUnits() of small units at small scales, each built once: positions (100, −300 shares) and commissions
 * (−1.25) recur all through a statement, and a third of all Decimals the builder made were such repeats.
 * Sharing is safe because Decimals are immutable (decimal.js never changes an instance; fromUnits writes
 * only the fresh object it builds), as the parser's DecimalCache already relies on.
 */
const SMALL_UNITS = 8192;
const SMALL_SCALES = 5;
const small: (Decimal | undefined)[] = new Array<Decimal | undefined>(SMALL_SCALES * 2 * SMALL_UNITS).fill(
  undefined,
);

function buildFromUnits(units: number, scale: number): Decimal {
  let rest = units < 0 ? -units : units;
  // The last word holds the digits of exponents 7k … 7k+6 with 7k ≤ -scale: pad the units on the right.
  const lowWordExp = Math.floor(-scale / 7) * 7;
  const pad = -scale - lowWordExp;
  let n = 0; // words in `scratch`, least significant first
  if (pad > 0) {
    const cut = POW10[7 - pad]!;
    const r = rest % cut; // % and the division of an exact multiple are exact on safe integers
    scratch[n++] = r * POW10[pad]!;
    rest = (rest - r) / cut;
  }
  while (rest > 0) {
    const r = rest % 1e7;
    scratch[n++] = r;
    rest = (rest - r) / 1e7;
  }
  let zeros = 0;
  while (scratch[zeros] === 0) zeros++;
  const d: number[] = new Array(n - zeros);
  // `| 0`: the words are small integers; stored as such the array stays a small-integer array instead of
  // being converted (a second allocation) to a double array by the first word computed in floating point.
  for (let i = 0; i < n - zeros; i++) d[i] = scratch[n - 1 - i]! | 0;
  const top = d[0]!;
  const topDigits =
    top < 10 ? 1 : top < 100 ? 2 : top < 1e3 ? 3 : top < 1e4 ? 4 : top < 1e5 ? 5 : top < 1e6 ? 6 : 7;
  // new Decimal(0) gives an instance of the usual shape (constructor, s, e, d); its fields are then replaced.
  const x = new Decimal(0) as { s: number; e: number; d: number[] };
  x.s = units < 0 ? -1 : 1;
  x.e = lowWordExp + 7 * (n - 1) + topDigits - 1;
  x.d = d;
  return x as unknown as Decimal;
}

/** fromUnits' words, least significant first: a safe integer padded by < 7 digits spans at most 4. */
const scratch = [0, 0, 0, 0];

/**
 * a.plus(b), on safe integers when both fit (the sum then has ≤ 16 digits, which decimal.js adds exactly).
 * For a position's running quantity, updated once per row. Opposite non-zero terms give +0, as decimal.js
 * does under ROUND_HALF_EVEN; a sum of two zeros keeps decimal.js's own sign rules.
 */
export function exactPlus(a: Decimal, b: Decimal): Decimal {
  if (!decompose(a)) return a.plus(b);
  const au = decomposed[0]!;
  const as = decomposed[1]!;
  if (!decompose(b)) return a.plus(b);
  const scale = Math.max(as, decomposed[1]!);
  const x = au * POW10[scale - as]!;
  const y = decomposed[0]! * POW10[scale - decomposed[1]!]!;
  const sum = x + y;
  if (!Number.isSafeInteger(x) || !Number.isSafeInteger(y) || !Number.isSafeInteger(sum)) return a.plus(b);
  if (sum === 0) return x === 0 ? a.plus(b) : ZERO;
  return fromUnits(sum, scale);
}

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
    this.boundScale = boundScale;
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
      this.scale = scale;
      term = units;
    } else if (up !== 1) {
      const rescaled = this.units * up;
      if (Number.isSafeInteger(rescaled)) this.units = rescaled;
      else this.flush();
      this.scale = scale;
    }
    this.bound = bound;
    this.boundScale = boundScale;
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
