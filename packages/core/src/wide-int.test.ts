// WideInt must be exact integer arithmetic (checked against BigInt) and build the very Decimal the parser gives.
import fc from "fast-check";
import { expect, it } from "vitest";
import { Decimal, ZERO } from "./money.ts";
import { LIMB, WideInt } from "./wide-int.ts";

const LIMIT = BigInt(Number.MAX_SAFE_INTEGER) * BigInt(LIMB);
const fits = (v: bigint) => v > -LIMIT && v < LIMIT;

/** A value spread over both limbs, from small to ~9 × 10^29. */
const wideValue = fc.oneof(
  fc.bigInt({ min: -(10n ** 29n), max: 10n ** 29n }),
  fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n }),
  fc.bigInt({ min: -1000n, max: 1000n }),
);

function wideOf(v: bigint): WideInt {
  const w = new WideInt();
  const limb = BigInt(LIMB);
  let lo = v % limb;
  let hi = v / limb;
  if (lo < 0n) {
    lo += limb;
    hi -= 1n;
  }
  w.hi = Number(hi);
  w.lo = Number(lo);
  return w;
}

const bigOf = (w: WideInt) => BigInt(w.hi) * BigInt(LIMB) + BigInt(w.lo);

it("adds, subtracts, compares and scales like BigInt, or says it cannot", () => {
  fc.assert(
    fc.property(wideValue, wideValue, fc.integer({ min: 0, max: 15 }), (a, b, k) => {
      const sum = wideOf(a);
      const other = wideOf(b);
      if (sum.add(other.hi, other.lo)) expect(bigOf(sum)).toBe(a + b);
      else expect(fits(a + b)).toBe(false);

      const diff = new WideInt();
      if (diff.difference(wideOf(a), other)) expect(bigOf(diff)).toBe(a - b);
      else expect(fits(a - b)).toBe(false);

      expect(Math.sign(wideOf(a).compare(other))).toBe(a < b ? -1 : a > b ? 1 : 0);
      expect(wideOf(a).isNegative()).toBe(a < 0n);
      expect(wideOf(a).isZero()).toBe(a === 0n);

      const scaled = wideOf(a);
      if (scaled.scaleUp(k)) expect(bigOf(scaled)).toBe(a * 10n ** BigInt(k));
      else {
        // Refused beyond the limit, or (negative values) within 10^k × 10^14 of it.
        const v = a * 10n ** BigInt(k);
        expect(fits(v) && v > -LIMIT + 10n ** BigInt(k + 14)).toBe(false);
        expect(bigOf(scaled)).toBe(a);
      }
    }),
    { numRuns: 5000 },
  );
});

it("reads a Decimal as integer units at its smallest scale", () => {
  fc.assert(
    fc.property(
      wideValue,
      fc.integer({ min: 0, max: 20 }),
      fc.integer({ min: 0, max: 16 }),
      (v, places, up) => {
        const x = new Decimal(`${v}e-${places}`).times(new Decimal(10).pow(up));
        const w = new WideInt();
        const scale = w.setDecimal(x);
        if (scale < 0) return;
        expect(new Decimal(`${bigOf(w)}e-${scale}`).eq(x)).toBe(true);
        // Smallest scale: no trailing zero left in the units.
        if (scale > 0) expect(bigOf(w) % 10n).not.toBe(0n);
      },
    ),
    { numRuns: 5000 },
  );
  const w = new WideInt();
  expect(w.setDecimal(new Decimal("-827.017722169431117"))).toBe(15);
  expect(bigOf(w)).toBe(-827017722169431117n);
  expect(w.setDecimal(new Decimal("1e-16"))).toBe(-1);
  expect(w.setDecimal(new Decimal("1.5e40"))).toBe(-1);
});

it("sets safe integer units", () => {
  fc.assert(
    fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (u) => {
      const w = new WideInt();
      w.setUnits(u);
      expect(bigOf(w)).toBe(BigInt(u));
      expect(w.lo >= 0 && w.lo < LIMB).toBe(true);
    }),
  );
});

it("builds the very representation decimal.js's parser gives", () => {
  const repr = (x: Decimal) => ({ s: x.s, e: x.e, d: [...x.d], isDecimal: x instanceof Decimal });
  fc.assert(
    fc.property(wideValue, fc.integer({ min: 0, max: 40 }), (v, scale) => {
      if (v === 0n) return;
      expect(repr(wideOf(v).toDecimal(scale))).toEqual(repr(new Decimal(`${v}e-${scale}`)));
    }),
    { numRuns: 5000 },
  );
  for (const v of [1n, -1n, 10n ** 14n, -(10n ** 14n), 10n ** 14n - 1n, 899999999999999999999999999999n])
    for (let scale = 0; scale <= 16; scale++)
      expect(repr(wideOf(v).toDecimal(scale))).toEqual(repr(new Decimal(`${v}e-${scale}`)));
  expect(new WideInt().toDecimal(3)).toBe(ZERO);
});
