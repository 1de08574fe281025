// Integers beyond 2^53 as two doubles, hi × 10^14 + lo with 0 ≤ lo < 10^14 and hi a safe integer (ADR 0008):
// up to ~9 × 10^29, so a running figure whose terms have 16–29 digits (a base-currency P&L is a cash flow of
// ~10 digits times an FX rate of ~6) stays integer arithmetic instead of falling back to Decimals for good.
// Every operation is on safe integers and checked to stay safe, so it is exact; any that would not stay safe
// returns false and the caller takes the Decimal way.
import { decompose, digitsOf, fromUnits, packedWords, termScale, termUnits } from "./decimal-units.ts";
import { Decimal } from "./money.ts";

/** The base of the low limb: two base-1e7 words of decimal.js exactly, and lo + lo < 2^53. */
export const LIMB = 1e14;
/** 10^0 … 10^15: all exact doubles. */
const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);
const MAX_SCALE = 15;

const safe = (n: number): boolean => n <= Number.MAX_SAFE_INTEGER && n >= -Number.MAX_SAFE_INTEGER;

export class WideInt {
  hi = 0;
  lo = 0;

  set(other: WideInt): void {
    this.hi = other.hi;
    this.lo = other.lo;
  }

  isZero(): boolean {
    return this.hi === 0 && this.lo === 0;
  }

  /** True when the value is < 0 (lo is never negative). */
  isNegative(): boolean {
    return this.hi < 0;
  }

  compare(other: WideInt): number {
    if (this.hi !== other.hi) return this.hi < other.hi ? -1 : 1;
    return this.lo === other.lo ? 0 : this.lo < other.lo ? -1 : 1;
  }

  /** this += hi × 10^14 + lo (0 ≤ lo < 10^14); false, leaving this unchanged, when hi would not stay safe. */
  add(hi: number, lo: number): boolean {
    let l = this.lo + lo; // < 2 × 10^14: exact
    let h = this.hi + hi;
    if (l >= LIMB) {
      l -= LIMB;
      h += 1;
    }
    if (!safe(h)) return false;
    this.hi = h;
    this.lo = l;
    return true;
  }

  /** this = a − b; false (this unchanged) when it does not fit. */
  difference(a: WideInt, b: WideInt): boolean {
    // −(h × 10^14 + l) = (−h − 1) × 10^14 + (10^14 − l) when l > 0.
    const nh = b.lo === 0 ? -b.hi : -b.hi - 1;
    const nl = b.lo === 0 ? 0 : LIMB - b.lo;
    const hi = this.hi;
    const lo = this.lo;
    this.hi = a.hi;
    this.lo = a.lo;
    if (this.add(nh, nl)) return true;
    this.hi = hi;
    this.lo = lo;
    return false;
  }

  /**
   * this ×= 10^k for 0 ≤ k ≤ 15; false (this unchanged) when hi would not stay safe, or might not: a negative
   * value within 10^k × 10^14 of the limit is refused too (its product is checked before adding the carry).
   */
  scaleUp(k: number): boolean {
    if (k === 0) return true;
    if (k > 14) {
      // lo × 10^k = (lo × 10^(k−14)) × 10^14: all of it moves into hi.
      const a = this.lo * POW10[k - 14]!;
      const shifted = this.hi * POW10[k]!;
      if (!safe(a) || !safe(shifted) || !safe(shifted + a)) return false;
      this.hi = shifted + a;
      this.lo = 0;
      return true;
    }
    // lo × 10^k = a × 10^14 + b × 10^k with lo = a × 10^(14−k) + b: every product stays below 10^14.
    const cut = POW10[14 - k]!;
    const b = this.lo % cut; // % and the division of an exact multiple are exact on safe integers
    const a = (this.lo - b) / cut;
    const shifted = this.hi * POW10[k]!;
    // A product of safe integers that is not safe rounds to a value outside the safe range: the check is exact.
    if (!safe(shifted) || !safe(shifted + a)) return false;
    this.hi = shifted + a;
    this.lo = b * POW10[k]!;
    return true;
  }

  /** this = units (a safe integer). */
  setUnits(units: number): void {
    if (units < LIMB && units > -LIMB) {
      this.hi = units < 0 ? -1 : 0;
      this.lo = units < 0 ? units + LIMB : units;
      return;
    }
    const lo = units % LIMB;
    const hi = (units - lo) / LIMB;
    // Floor division: lo in [0, 10^14) also for negative units.
    if (lo < 0) {
      this.hi = hi - 1;
      this.lo = lo + LIMB;
    } else {
      this.hi = hi;
      this.lo = lo;
    }
  }

  /**
   * this = x as an integer number of 10^-scale with the smallest scale ≥ 0 (returned); −1 when x does not
   * fit (NaN/±Infinity, more than ~29 digits, a scale beyond 15 or an exponent beyond it).
   */
  setDecimal(x: Decimal): number {
    // Most figures fit one safe integer: decompose() reads them without the word-by-word arithmetic below.
    if (decompose(x)) {
      this.setUnits(termUnits());
      return termScale();
    }
    const d = x.d;
    if (d === null || d.length > 5) return -1;
    const first = d[0]!;
    this.hi = 0;
    this.lo = 0;
    if (first === 0) return 0;
    const n = d.length;
    const firstDigits = digitsOf(first);
    // Power of ten of the last stored digit, with the last word's trailing zeros dropped (as decompose does).
    let exp = x.e - (firstDigits - 1) - 7 * (n - 1);
    let last = d[n - 1]! | 0;
    let lastDigits = n === 1 ? firstDigits : 7;
    while (exp < 0 && last % 10 === 0) {
      last = (last / 10) | 0;
      exp += 1;
      lastDigits -= 1;
    }
    if (-exp > MAX_SCALE || exp > MAX_SCALE) return -1;
    // Horner over the words: each step multiplies by at most 10^7 and adds a word below it.
    for (let i = 0; i < n - 1; i++) {
      if (!this.scaleUp(7) || !this.add(0, d[i]!)) return -1;
    }
    if (n === 1) this.lo = last;
    else if (!this.scaleUp(lastDigits) || !this.add(0, last)) return -1;
    if (exp > 0) {
      if (!this.scaleUp(exp)) return -1;
      exp = 0;
    }
    if (x.s < 0 && !this.negate()) return -1;
    return -exp;
  }

  /** this = −this; false (unchanged) when it does not fit. */
  negate(): boolean {
    if (this.lo === 0) {
      this.hi = -this.hi;
      return true;
    }
    const h = -this.hi - 1;
    if (!safe(h)) return false;
    this.hi = h;
    this.lo = LIMB - this.lo;
    return true;
  }

  /**
   * this × 10^-scale as a Decimal (scale ≥ 0), in the representation decimal.js's parser gives: base-1e7
   * words aligned to the decimal point, no leading or trailing zero words (decimal-units.ts fromUnits, for two limbs).
   */
  toDecimal(scale: number): Decimal {
    // Values within ±89 × 10^14 + 10^14 are safe integers, and hi × 10^14 + lo is then exact.
    if (this.hi < 89 && this.hi > -89) return fromUnits(this.hi * LIMB + this.lo, scale);
    const negative = this.hi < 0;
    // Magnitude as hi × 10^14 + lo with both limbs ≥ 0.
    let hi = this.hi;
    let lo = this.lo;
    if (negative) {
      if (lo === 0) hi = -hi;
      else {
        hi = -hi - 1;
        lo = LIMB - lo;
      }
    }
    // Words least significant first: lo is exactly two words, hi the rest.
    let n = 0;
    const w0 = lo % 1e7;
    words[n++] = w0;
    words[n++] = (lo - w0) / 1e7;
    while (hi > 0) {
      const r = hi % 1e7;
      words[n++] = r;
      hi = (hi - r) / 1e7;
    }
    // The lowest word must cover the exponents 7k … 7k+6 with 7k ≤ −scale: shift the digits left by `pad`.
    const lowWordExp = Math.floor(-scale / 7) * 7;
    const pad = -scale - lowWordExp;
    if (pad > 0) {
      const mul = POW10[pad]!;
      let carry = 0;
      for (let i = 0; i < n; i++) {
        const t = words[i]! * mul + carry; // < 10^7 × 10^6 + 10^7: exact
        const w = t % 1e7;
        words[i] = w;
        carry = (t - w) / 1e7;
      }
      if (carry > 0) words[n++] = carry;
    }
    while (n > 0 && words[n - 1] === 0) n--;
    let low = 0;
    while (words[low] === 0) low++;
    // Built as fromUnits builds its words, so that both give digit arrays of decimal.js's own kind.
    const d = packedWords(words, low, n);
    // new Decimal(0) gives an instance of the usual shape (constructor, s, e, d); its fields are then replaced.
    const x = new Decimal(0) as { s: number; e: number; d: number[] };
    x.s = negative ? -1 : 1;
    x.e = (lowWordExp + 7 * (n - 1) + digitsOf(d[0]!) - 1) | 0; // a small integer: see buildFromUnits
    x.d = d;
    return x as unknown as Decimal;
  }
}

/** toDecimal's words, least significant first: 2 for lo, ≤ 3 for hi, 1 for the shift. */
const words = [0, 0, 0, 0, 0, 0, 0];
