// decimal.js, configured as ADR 0001 had it, is the oracle: every operation of our Decimal must give the value
// and the text decimal.js gave, including values far outside everyday money (long, tiny, huge, rounding ties).
import { Decimal as DecimalJs } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "./decimal.ts";

const Oracle = DecimalJs.clone({
  precision: 34,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -40,
  toExpPos: 40,
});

/** Decimal texts: everyday money, long coefficients, exponents, trailing zeros, ties like 2.5. */
const decimalText = fc.oneof(
  fc
    .tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.integer({ min: 0, max: 8 }))
    .map(([c, scale]) => new Decimal(c, -scale).toFixed(scale)),
  fc
    .tuple(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), fc.integer({ min: -45, max: 30 }))
    .map(([c, e]) => `${c}e${e}`),
  fc.constantFrom(
    "0",
    "0.000",
    "-0",
    "2.5",
    "-2.5",
    "0.5",
    "1.50",
    "100",
    "1e-20",
    "999999999999999999999999999999999.5",
  ),
);

const same = (ours: Decimal, theirs: InstanceType<typeof Oracle>) => {
  expect(ours.toString()).toBe(theirs.toString());
  expect(ours.toFixed()).toBe(theirs.isZero() ? "0" : theirs.toFixed());
};

describe("Decimal against decimal.js", () => {
  it("parses and prints as decimal.js does", () => {
    fc.assert(
      fc.property(decimalText, (t) => {
        same(new Decimal(t), new Oracle(t));
      }),
      { numRuns: 2000 },
    );
  });

  it("plus, minus and times round to 34 significant digits as decimal.js does", () => {
    fc.assert(
      fc.property(decimalText, decimalText, (a, b) => {
        const [x, y, ox, oy] = [new Decimal(a), new Decimal(b), new Oracle(a), new Oracle(b)];
        same(x.plus(y), ox.plus(oy));
        same(x.minus(y), ox.minus(oy));
        same(x.times(y), ox.times(oy));
        expect(x.cmp(y)).toBe(ox.cmp(oy));
        expect(x.eq(y)).toBe(ox.eq(oy));
      }),
      { numRuns: 3000 },
    );
  });

  it("divides to 34 significant digits, half-even, as decimal.js does", () => {
    fc.assert(
      fc.property(decimalText, decimalText, (a, b) => {
        fc.pre(!new Oracle(b).isZero());
        same(new Decimal(a).div(b), new Oracle(a).div(b));
      }),
      { numRuns: 3000 },
    );
    same(new Decimal(2).div(3), new Oracle(2).div(3));
    same(new Decimal(-1).div(7), new Oracle(-1).div(7));
    expect(() => new Decimal(1).div(0)).toThrow(/Division by zero/);
  });

  it("rounds to decimal places and prints fixed decimals as decimal.js does", () => {
    fc.assert(
      fc.property(decimalText, fc.integer({ min: 0, max: 12 }), (t, places) => {
        const [x, o] = [new Decimal(t), new Oracle(t)];
        same(x.toDecimalPlaces(places), o.toDecimalPlaces(places));
        same(x.toDecimalPlaces(places, Decimal.ROUND_UP), o.toDecimalPlaces(places, DecimalJs.ROUND_UP));
        expect(x.toFixed(places)).toBe(o.toFixed(places));
      }),
      { numRuns: 3000 },
    );
  });

  it("raises to integer powers as decimal.js does, long histories too (x^3650)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 20n }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: -3, max: 400 }),
        (c, scale, n) => {
          const t = new Decimal(c, -scale).toFixed();
          fc.pre(n >= 0 || t !== "0");
          same(new Decimal(t).pow(n), new Oracle(t).pow(n));
        },
      ),
      { numRuns: 500 },
    );
    for (const t of ["1.000123456789012345678901234567891", "0.9997", "1.0003", "0.99999999"])
      for (const n of [1826, 3650]) same(new Decimal(t).pow(n), new Oracle(t).pow(n));
  });

  it("answers the sign and integer questions as decimal.js does (zero counts as positive)", () => {
    fc.assert(
      fc.property(decimalText, (t) => {
        const [x, o] = [new Decimal(t), new Oracle(t)];
        expect([x.isZero(), x.isInteger(), x.isPositive() || x.isZero()]).toEqual([
          o.isZero(),
          o.isInteger(),
          o.isPositive() || o.isZero(),
        ]);
        if (!o.isZero()) expect(x.isNegative()).toBe(o.isNegative());
        same(x.abs(), o.abs());
        same(x.negated(), o.negated());
      }),
      { numRuns: 2000 },
    );
  });

  it("refuses text that is not a number, and exponents that would make sums huge", () => {
    for (const bad of ["", ".", "abc", "1,5", "0x10", "NaN", "Infinity", "1e", "--1"])
      expect(() => new Decimal(bad), bad).toThrow(/Not a decimal number/);
    expect(() => new Decimal("1e100000")).toThrow(/Exponent out of range/);
  });

  it("is plain data: equal values may differ in trailing zeros, and eq/toEqual compare values", () => {
    const a = new Decimal("1.5");
    const b = new Decimal(150n, -2);
    expect({ ...b }).toEqual({ coefficient: 150n, exponent: -2 });
    expect(a.eq(b)).toBe(true);
    expect(a).toEqual(b);
    expect(a).not.toEqual(new Decimal("1.51"));
    expect(JSON.stringify({ a: b })).toBe('{"a":"1.5"}');
  });
});
