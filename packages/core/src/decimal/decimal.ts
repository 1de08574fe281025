// closeout's one exact number type (ADR 0013): value = coefficient × 10^exponent on a BigInt. Sums and
// products of money are exact integer arithmetic; only ratios need `div`, which rounds explicitly.
// It keeps the subset of decimal.js's API and rounding that ADR 0001 configured (34 significant digits,
// half-even), so every figure is the one decimal.js gave; decimal.js itself checks that in decimal.test.ts.

type Value = Decimal | string | number | bigint;

/** Significant digits kept by plus, minus, times, div and pow (ADR 0001). */
const PRECISION = 34;
const LIMIT = 10n ** BigInt(PRECISION);
/** Exponents (of the leading digit) from which toString switches to exponential notation, as configured before. */
const TO_EXP_NEG = -40;
const TO_EXP_POS = 40;
const MAX_TEXT_EXPONENT = 10_000;
const NUMBER = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

const POWERS: readonly bigint[] = Array.from({ length: 41 }, (_, i) => 10n ** BigInt(i));
const pow10 = (n: number): bigint => POWERS[n] ?? 10n ** BigInt(n);
const abs = (n: bigint): bigint => (n < 0n ? -n : n);
const digitCount = (n: bigint): number => (n === 0n ? 1 : abs(n).toString().length);

export class Decimal {
  static readonly ROUND_UP = 0;
  static readonly ROUND_DOWN = 1;
  static readonly ROUND_HALF_UP = 4;
  static readonly ROUND_HALF_EVEN = 6;

  /** The value's digits; equal values may differ in trailing zeros, so compare with `eq`/`cmp`. */
  readonly coefficient: bigint;
  /** The power of ten the coefficient is scaled by. */
  readonly exponent: number;

  /** A BigInt coefficient times 10^exponent, a number, or a number's text (trailing zeros dropped). */
  constructor(value: Value, exponent = 0) {
    if (typeof value === "bigint") {
      this.coefficient = value;
      this.exponent = exponent;
    } else if (value instanceof Decimal) {
      this.coefficient = value.coefficient;
      this.exponent = value.exponent;
    } else if (typeof value === "number" && Number.isSafeInteger(value)) {
      this.coefficient = BigInt(value);
      this.exponent = 0;
    } else {
      const [c, e] = parse(typeof value === "number" ? String(value) : value);
      this.coefficient = c;
      this.exponent = e;
    }
  }

  static isDecimal(value: unknown): value is Decimal {
    return value instanceof Decimal;
  }

  static max(...values: Value[]): Decimal {
    return values.map(toDecimal).reduce((a, b) => (b.gt(a) ? b : a));
  }

  static min(...values: Value[]): Decimal {
    return values.map(toDecimal).reduce((a, b) => (b.lt(a) ? b : a));
  }

  plus(other: Value): Decimal {
    const o = toDecimal(other);
    const d = this.exponent - o.exponent;
    if (d === 0) return rounded(this.coefficient + o.coefficient, this.exponent);
    if (d > 0) return rounded(this.coefficient * pow10(d) + o.coefficient, o.exponent);
    return rounded(this.coefficient + o.coefficient * pow10(-d), this.exponent);
  }

  minus(other: Value): Decimal {
    return this.plus(toDecimal(other).negated());
  }

  times(other: Value): Decimal {
    const o = toDecimal(other);
    return rounded(this.coefficient * o.coefficient, this.exponent + o.exponent);
  }

  /** The quotient rounded half-even to 34 significant digits. Throws on division by zero. */
  div(other: Value): Decimal {
    const o = toDecimal(other);
    if (o.coefficient === 0n) throw new RangeError("Division by zero");
    if (this.coefficient === 0n) return this;
    // Scale the dividend so the integer quotient has at least PRECISION + 1 digits, then round once.
    const shift = Math.max(0, PRECISION + 1 + digitCount(o.coefficient) - digitCount(this.coefficient));
    const n = this.coefficient * pow10(shift);
    const q = n / o.coefficient;
    const sticky = n % o.coefficient !== 0n;
    return rounded(q, this.exponent - o.exponent - shift, sticky);
  }

  /**
   * An integer power by repeated squaring, as decimal.js computes it: intermediate products keep GUARD
   * digits (an exact x^1826 would have 60,000), and the result is rounded once to 34 significant digits.
   */
  pow(n: number): Decimal {
    if (!Number.isSafeInteger(n)) throw new RangeError(`Only integer powers are supported: ${n}`);
    let k = Math.abs(n);
    let result: Truncated = [1n, 0, false];
    let base: Truncated = [this.coefficient, this.exponent, false];
    for (;;) {
      if (k % 2 === 1) result = truncated(result[0] * base[0], result[1] + base[1], result[2] || base[2]);
      k = Math.floor(k / 2);
      if (k === 0) break;
      base = truncated(base[0] * base[0], base[1] * 2, base[2]);
    }
    // A negative power divides by the unrounded product, as decimal.js does.
    if (n < 0) return ONE.div(newDecimal(result[0], result[1]));
    return rounded(result[0], result[1], result[2]);
  }

  negated(): Decimal {
    return newDecimal(-this.coefficient, this.exponent);
  }

  abs(): Decimal {
    return this.coefficient < 0n ? this.negated() : this;
  }

  cmp(other: Value): -1 | 0 | 1 {
    const o = toDecimal(other);
    const a = this.coefficient;
    const b = o.coefficient;
    if (a === 0n || b === 0n || a < 0n !== b < 0n) return a < b ? -1 : a > b ? 1 : 0;
    const d = this.exponent - o.exponent;
    const x = d > 0 ? a * pow10(d) : a;
    const y = d < 0 ? b * pow10(-d) : b;
    return x < y ? -1 : x > y ? 1 : 0;
  }

  eq(other: Value): boolean {
    return this.cmp(other) === 0;
  }

  gt(other: Value): boolean {
    return this.cmp(other) > 0;
  }

  gte(other: Value): boolean {
    return this.cmp(other) >= 0;
  }

  lt(other: Value): boolean {
    return this.cmp(other) < 0;
  }

  lte(other: Value): boolean {
    return this.cmp(other) <= 0;
  }

  isZero(): boolean {
    return this.coefficient === 0n;
  }

  isNegative(): boolean {
    return this.coefficient < 0n;
  }

  /** True for zero too, as in decimal.js (which looks only at the sign). */
  isPositive(): boolean {
    return this.coefficient >= 0n;
  }

  isInteger(): boolean {
    return this.exponent >= 0 || this.coefficient % pow10(-this.exponent) === 0n;
  }

  /** Rounded to `places` decimal places (not limited to 34 digits), half-even unless told. */
  toDecimalPlaces(places: number, rounding: number = Decimal.ROUND_HALF_EVEN): Decimal {
    const drop = -places - this.exponent;
    if (drop <= 0) return this;
    return newDecimal(roundAway(this.coefficient, drop, false, rounding), -places);
  }

  /** Plain notation: every digit, or exactly `places` decimals after rounding as toDecimalPlaces does. */
  toFixed(places?: number, rounding?: number): string {
    if (places === undefined) return plain(this.coefficient, this.exponent);
    const r = this.toDecimalPlaces(places, rounding);
    const s = plain(r.coefficient, r.exponent, places);
    // decimal.js keeps the sign of a negative value that rounds to zero ("-0.00").
    return r.coefficient === 0n && this.coefficient < 0n ? `-${s}` : s;
  }

  toString(): string {
    const lead = digitCount(this.coefficient) - 1 + this.exponent;
    if (this.coefficient !== 0n && (lead <= TO_EXP_NEG || lead >= TO_EXP_POS)) return exponential(this, lead);
    return plain(this.coefficient, this.exponent);
  }

  toJSON(): string {
    return this.toString();
  }

  valueOf(): string {
    return this.toString();
  }

  toNumber(): number {
    return Number(this.toString());
  }
}

/** Coefficient and exponent of a number's text, without trailing zeros. */
function parse(text: string): [bigint, number] {
  const m = NUMBER.exec(text);
  const int = m?.[2] ?? "";
  const frac = m?.[3] ?? "";
  if (m === null || int.length + frac.length === 0) throw new Error(`Not a decimal number: ${text}`);
  const digits = int + frac;
  // Trailing zeros are dropped from the text, which is cheaper than dividing the BigInt.
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === 48) end--;
  const e = Number(m[4] ?? 0) - frac.length + digits.length - end;
  // A huge exponent would make later sums build huge powers of ten: hostile input stops here.
  if (Math.abs(e) > MAX_TEXT_EXPONENT) throw new RangeError(`Exponent out of range: ${text}`);
  if (end === 0) return [0n, 0];
  // Up to 15 digits a double holds the integer exactly, and V8 reads it faster than BigInt reads text.
  const c = end <= 15 ? BigInt(Number(digits.slice(0, end))) : BigInt(digits.slice(0, end));
  return [m[1] === "-" ? -c : c, e];
}

function toDecimal(value: Value): Decimal {
  return value instanceof Decimal ? value : new Decimal(value);
}

const newDecimal = (coefficient: bigint, exponent: number): Decimal => new Decimal(coefficient, exponent);

/** Coefficient, exponent, and whether nonzero digits were cut off. */
type Truncated = [bigint, number, boolean];

/** Digits kept by pow's intermediate products: 30 beyond PRECISION, as decimal.js keeps 28–34. */
const GUARD = PRECISION + 30;
const GUARD_LIMIT = 10n ** BigInt(GUARD);

function truncated(c: bigint, e: number, cut: boolean): Truncated {
  if (c < GUARD_LIMIT && c > -GUARD_LIMIT) return [c, e, cut];
  const drop = digitCount(c) - GUARD;
  const unit = pow10(drop);
  return [c / unit, e + drop, cut || c % unit !== 0n];
}

/** coefficient × 10^exponent rounded half-even to PRECISION digits; `sticky` says digits were already cut. */
function rounded(coefficient: bigint, exponent: number, sticky = false): Decimal {
  if (coefficient < LIMIT && coefficient > -LIMIT && !sticky) return newDecimal(coefficient, exponent);
  const drop = digitCount(coefficient) - PRECISION;
  if (drop <= 0) return newDecimal(coefficient, exponent);
  return newDecimal(roundAway(coefficient, drop, sticky, Decimal.ROUND_HALF_EVEN), exponent + drop);
}

/** `c` with its last `drop` digits removed and rounded by `rounding`; `sticky`: nonzero digits beyond them. */
function roundAway(c: bigint, drop: number, sticky: boolean, rounding: number): bigint {
  const unit = pow10(drop);
  const q = c / unit; // truncates toward zero
  const r = abs(c % unit);
  if (r === 0n && !sticky) return q;
  const away = c < 0n ? q - 1n : q + 1n;
  if (rounding === Decimal.ROUND_DOWN) return q;
  if (rounding === Decimal.ROUND_UP) return away;
  const half = r * 2n;
  if (half > unit || (half === unit && sticky)) return away;
  if (half < unit) return q;
  if (rounding === Decimal.ROUND_HALF_UP) return away;
  if (rounding === Decimal.ROUND_HALF_EVEN) return q % 2n === 0n ? q : away;
  throw new RangeError(`Unsupported rounding mode ${rounding}`);
}

/** Plain notation of c × 10^e: at least `places` decimals, or (places undefined) no trailing zeros. */
function plain(c: bigint, e: number, places?: number): string {
  let digits = abs(c).toString();
  const sign = c < 0n ? "-" : "";
  if (e > 0 && c !== 0n) digits += "0".repeat(e);
  const scale = Math.max(-e, 0);
  const padded = digits.padStart(scale + 1, "0");
  const int = padded.slice(0, padded.length - scale);
  const tail = padded.slice(padded.length - scale);
  const frac = places === undefined ? tail.replace(/0+$/, "") : tail.padEnd(places, "0");
  return frac.length > 0 ? `${sign}${int}.${frac}` : `${sign}${int}`;
}

function exponential(d: Decimal, lead: number): string {
  const digits = abs(d.coefficient).toString().replace(/0+$/, "");
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${d.coefficient < 0n ? "-" : ""}${mantissa}e${lead < 0 ? "" : "+"}${lead}`;
}

const ONE = new Decimal(1);
