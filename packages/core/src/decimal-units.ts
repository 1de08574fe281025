// Decimals as exact integers: x = units × 10^-scale with units a safe integer and scale ≤ 15 (ADR 0008).
// decompose() reads a Decimal's digits without allocating; fromUnits() builds the Decimal decimal.js's own
// parser would build. ExactSum (exact-sum.ts) and the builder's per-leg arithmetic work on these units.
import { Decimal, ZERO } from "./money.ts";

/** 10^0 … 10^15: all exact doubles. */
export const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);
export const MAX_SCALE = 15;

// decompose() writes here rather than allocating a result object: it runs once per term.
// In a Float64Array rather than module variables: a module variable holding a double beyond 2^31 is a boxed
// number, allocated anew on every write (a few hundred thousand per build); a typed array stores it in place.
export const decomposed = new Float64Array(2);

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
export function scaleOf(x: Decimal): number {
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

/** Digits of a base-1e7 word (1…7). */
export function digitsOf(word: number): number {
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
  const d = packedWords(scratch, zeros, n);
  const top = d[0]!;
  const topDigits =
    top < 10 ? 1 : top < 100 ? 2 : top < 1e3 ? 3 : top < 1e4 ? 4 : top < 1e5 ? 5 : top < 1e6 ? 6 : 7;
  // new Decimal(0) gives an instance of the usual shape (constructor, s, e, d); its fields are then replaced.
  const x = new Decimal(0) as { s: number; e: number; d: number[] };
  x.s = units < 0 ? -1 : 1;
  // `| 0` keeps the exponent a small integer: Math.floor(-0 / 7) is -0, so the sum is a float (0.0) in
  // unoptimised code, and one float stored in `e` switches every Decimal in the process to boxed `s`/`e`
  // fields (decimal-shape.test.ts).
  x.e = (lowWordExp + 7 * (n - 1) + topDigits - 1) | 0;
  x.d = d;
  return x as unknown as Decimal;
}

/** fromUnits' words, least significant first: a safe integer padded by < 7 digits spans at most 4. */
const scratch = [0, 0, 0, 0];

/**
 * words[from, to) (least significant first) as decimal.js's digit array, most significant first. Built as an
 * array literal: `new Array(n)` gives a holey array, and decimal.js's own digit arrays are packed, so every
 * Decimal operation and decompose() met two element kinds where they could know one. `| 0` keeps the words
 * small integers: a word computed in floating point would turn the array into a double array (a second
 * allocation).
 */
export function packedWords(words: readonly number[], from: number, to: number): number[] {
  switch (to - from) {
    case 1:
      return [words[from]! | 0];
    case 2:
      return [words[from + 1]! | 0, words[from]! | 0];
    case 3:
      return [words[from + 2]! | 0, words[from + 1]! | 0, words[from]! | 0];
    case 4:
      return [words[from + 3]! | 0, words[from + 2]! | 0, words[from + 1]! | 0, words[from]! | 0];
    default: {
      const d: number[] = [];
      for (let i = to - 1; i >= from; i--) d.push(words[i]! | 0);
      return d;
    }
  }
}

/**
 * −x as x.neg() gives it, through fromUnits when x fits (small values, a short's size of 100 or 300, are then
 * shared instances rather than a copy per call).
 */
export function exactNeg(x: Decimal): Decimal {
  if (x.isZero() || !decompose(x)) return x.neg();
  return fromUnits(-decomposed[0]!, decomposed[1]!);
}

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
