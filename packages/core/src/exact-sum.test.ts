// ExactSum must give exactly what the Decimal chain gives, on and off its fast path (ADR 0008).
import fc from "fast-check";
import { expect, it } from "vitest";
import { decompose, exactPlus, fromUnits } from "./decimal-units.ts";
import { divideByCount, ExactSum } from "./exact-sum.ts";
import { compareAbs, compareDecimals, Decimal, ZERO } from "./money.ts";
import { DrawdownTracker } from "./stats/equity-curve.ts";

const decimalText = fc
  .tuple(
    fc.boolean(),
    fc.oneof(fc.integer({ min: 0, max: 999 }), fc.bigInt({ min: 0n, max: 10n ** 40n })),
    fc.integer({ min: 0, max: 20 }),
    fc.integer({ min: -3, max: 3 }),
  )
  .map(([neg, digits, places, shift]) => {
    const d = new Decimal(`${neg ? "-" : ""}${digits}e-${places}`);
    return shift === 0 ? d : d.times(new Decimal(10).pow(shift));
  });

/** Same value and the same sign of zero. */
const same = (a: Decimal, b: Decimal) => expect([a.toString(), a.isNeg()]).toEqual([b.toString(), b.isNeg()]);

it("sums like the Decimal chain", () => {
  fc.assert(
    fc.property(fc.array(decimalText, { maxLength: 40 }), (terms) => {
      const s = new ExactSum();
      let chain = ZERO;
      for (const t of terms) {
        s.add(t);
        chain = chain.plus(t);
      }
      same(s.value(), chain);
    }),
    { numRuns: 2000 },
  );
});

it("merges like plus(other.value())", () => {
  fc.assert(
    fc.property(fc.array(fc.array(decimalText, { maxLength: 8 }), { maxLength: 8 }), (groups) => {
      const total = new ExactSum();
      let chain = ZERO;
      for (const g of groups) {
        const s = new ExactSum();
        let c = ZERO;
        for (const t of g) {
          s.add(t);
          c = c.plus(t);
        }
        total.addSum(s);
        chain = chain.plus(c);
      }
      same(total.value(), chain);
    }),
    { numRuns: 2000 },
  );
});

it("keeps a huge running sum exact across many safe-integer chunks", () => {
  const s = new ExactSum();
  let chain = ZERO;
  const t = new Decimal("8999999999.123456");
  for (let i = 0; i < 5000; i++) {
    s.add(i % 3 === 0 ? t.neg() : t);
    chain = chain.plus(i % 3 === 0 ? t.neg() : t);
  }
  same(s.value(), chain);
});

it("decomposes to the smallest scale", () => {
  expect(decompose(new Decimal("123.4500"))).toBe(true);
  expect(decompose(new Decimal("1e20"))).toBe(false);
  expect(decompose(new Decimal("1234567890123456"))).toBe(true);
  expect(decompose(new Decimal("12345678901234567"))).toBe(false);
});

it("builds from units the very representation decimal.js's parser gives", () => {
  // fromUnits writes d/e/s itself: the words, the exponent and the sign must be the parser's, not just the value.
  const repr = (x: Decimal) => ({ s: x.s, e: x.e, d: [...x.d], isDecimal: x instanceof Decimal });
  fc.assert(
    fc.property(
      fc.oneof(
        fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: -9_999_999, max: 9_999_999 }),
        fc
          .tuple(fc.integer({ min: -9999, max: 9999 }), fc.integer({ min: 0, max: 11 }))
          .map(([u, z]) => u * 10 ** z),
      ),
      fc.integer({ min: 0, max: 40 }),
      (units, scale) => {
        if (units === 0) return;
        expect(repr(fromUnits(units, scale))).toEqual(repr(new Decimal(`${units}e-${scale}`)));
      },
    ),
    { numRuns: 5000 },
  );
  for (const units of [1, 10_000_000, 9_999_999, 100_000_000_000_000, Number.MAX_SAFE_INTEGER])
    for (let scale = 0; scale <= 16; scale++)
      expect(repr(fromUnits(-units, scale))).toEqual(repr(new Decimal(`-${units}e-${scale}`)));
  expect(fromUnits(0, 3)).toBe(ZERO);
  // Small values are built once and shared (Decimals are immutable); large ones are built per call.
  expect(fromUnits(-300, 0)).toBe(fromUnits(-300, 0));
  expect(fromUnits(125, 2)).toBe(fromUnits(125, 2));
  expect(fromUnits(123_456_789, 2)).not.toBe(fromUnits(123_456_789, 2));
});

it("adds two values like plus, sign of zero included", () => {
  const repr = (x: Decimal) => [x.s, x.e, x.d === null ? null : [...x.d]];
  fc.assert(
    fc.property(decimalText, decimalText, fc.boolean(), (a, b, opposite) => {
      const c = opposite ? a.neg() : b;
      expect(repr(exactPlus(a, c))).toEqual(repr(a.plus(c)));
    }),
    { numRuns: 3000 },
  );
  for (const [a, b] of [
    ["0", "0"],
    ["-0", "-0"],
    ["-0", "0"],
    ["5", "-5"],
    ["-5", "5"],
    ["-0.5", "0"],
  ] as const)
    expect(repr(exactPlus(new Decimal(a), new Decimal(b)))).toEqual(
      repr(new Decimal(a).plus(new Decimal(b))),
    );
});

it("starts a chain from a given value as start.plus(…) does", () => {
  fc.assert(
    fc.property(decimalText, fc.array(decimalText, { minLength: 1, maxLength: 10 }), (start, terms) => {
      const s = new ExactSum(start);
      let chain = start;
      for (const t of terms) {
        s.add(t);
        chain = chain.plus(t);
      }
      same(s.value(), chain);
    }),
    { numRuns: 2000 },
  );
});

it("compares like cmp, without allocating", () => {
  fc.assert(
    fc.property(decimalText, decimalText, (a, b) => {
      expect(compareDecimals(a, b)).toBe(a.cmp(b));
      expect(compareAbs(a, b)).toBe(a.abs().cmp(b.abs()));
    }),
    { numRuns: 2000 },
  );
  expect(compareDecimals(new Decimal("-0"), ZERO)).toBe(0);
  // Equal negatives: 0, not −0 (a counterexample fast-check found only now and then).
  expect(compareDecimals(new Decimal("-1e35"), new Decimal("-1e35"))).toBe(0);
});

it("divides by a count like div", () => {
  fc.assert(
    fc.property(decimalText, fc.integer({ min: 1, max: 1000 }), (total, count) => {
      same(divideByCount(total, count), total.div(count));
    }),
    { numRuns: 3000 },
  );
});

it("tracks drawdown like the Decimal algorithm", () => {
  fc.assert(
    fc.property(fc.array(decimalText, { maxLength: 40 }), (pnls) => {
      const tracker = new DrawdownTracker();
      let cumulative = ZERO;
      let peak = ZERO;
      let max = ZERO;
      for (const pnl of pnls) {
        const dd = tracker.add(pnl);
        cumulative = cumulative.plus(pnl);
        let expected = ZERO;
        if (cumulative.gte(peak)) peak = cumulative;
        else {
          expected = peak.minus(cumulative);
          if (expected.gt(max)) max = expected;
        }
        same(dd, expected);
        same(tracker.cumulative, cumulative);
      }
      same(tracker.maxDrawdown, max);
    }),
    { numRuns: 2000 },
  );
});

/** Base-currency P&L as IB's figures give it: a cash flow of ~10 digits times an FX rate, up to 18 digits. */
const basePnl = fc
  .tuple(
    fc.integer({ min: -99_999_999, max: 99_999_999 }),
    fc.integer({ min: 0, max: 10 }),
    fc.integer({ min: 80_000, max: 160_000 }),
  )
  .map(([cash, places, fx]) => new Decimal(`${cash}e-${places}`).times(new Decimal(`${fx}e-5`)));

it("stays the Decimal chain with terms of more than 15 digits among short ones", () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(basePnl, decimalText), { maxLength: 60 }), (terms) => {
      const s = new ExactSum();
      const abs = new ExactSum();
      let chain = ZERO;
      let absChain = ZERO;
      for (const t of terms) {
        s.add(t);
        abs.addAbs(t);
        chain = chain.plus(t);
        absChain = absChain.plus(t.abs());
      }
      same(s.value(), chain);
      same(abs.value(), absChain);
      // The same terms as two sums merged: plus(other.value()).
      const half = terms.length >> 1;
      const first = new ExactSum();
      const second = new ExactSum();
      let firstChain = ZERO;
      let secondChain = ZERO;
      terms.forEach((t, i) => {
        if (i < half) {
          first.add(t);
          firstChain = firstChain.plus(t);
        } else {
          second.add(t);
          secondChain = secondChain.plus(t);
        }
      });
      first.addSum(second);
      same(first.value(), firstChain.plus(secondChain));
      if (terms.length > 0) same(s.mean(terms.length), chain.div(terms.length));
    }),
    { numRuns: 2000 },
  );
});

it("tracks drawdown like the Decimal algorithm over long base-currency P&L", () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(basePnl, basePnl, decimalText), { maxLength: 80 }), (pnls) => {
      const tracker = new DrawdownTracker();
      const quiet = new DrawdownTracker();
      for (const pnl of pnls) quiet.step(pnl);
      let cumulative = ZERO;
      let peak = ZERO;
      let max = ZERO;
      for (const pnl of pnls) {
        const dd = tracker.add(pnl);
        cumulative = cumulative.plus(pnl);
        let expected = ZERO;
        if (cumulative.gte(peak)) peak = cumulative;
        else {
          expected = peak.minus(cumulative);
          if (expected.gt(max)) max = expected;
        }
        same(dd, expected);
        same(tracker.cumulative, cumulative);
      }
      same(tracker.maxDrawdown, max);
      same(quiet.maxDrawdown, max);
      same(quiet.cumulative, cumulative);
    }),
    { numRuns: 2000 },
  );
});

it("copies a sum into an independent one in the same state", () => {
  fc.assert(
    fc.property(
      fc.array(decimalText, { maxLength: 20 }),
      fc.array(decimalText, { maxLength: 20 }),
      (before, after) => {
        const s = new ExactSum();
        let chain = ZERO;
        for (const t of before) {
          s.add(t);
          chain = chain.plus(t);
        }
        const c = s.copy();
        let forked = chain;
        for (const t of after) {
          c.add(t);
          forked = forked.plus(t);
        }
        same(s.value(), chain);
        same(c.value(), forked);
      },
    ),
    { numRuns: 1000 },
  );
});

it("keeps large amounts and many-place amounts apart exactly (the chunk restarts at a lower scale)", () => {
  const manyPlaces = fc
    .tuple(
      fc.integer({ min: -999_999_999_999_999, max: 999_999_999_999_999 }),
      fc.integer({ min: 12, max: 15 }),
    )
    .map(([u, places]) => new Decimal(`${u}e-${places}`));
  const large = fc
    .tuple(fc.integer({ min: -99_999_999_999, max: 99_999_999_999 }), fc.integer({ min: 0, max: 3 }))
    .map(([u, places]) => new Decimal(`${u}e-${places}`));
  fc.assert(
    fc.property(fc.array(fc.oneof(manyPlaces, large, basePnl), { maxLength: 60 }), (terms) => {
      const s = new ExactSum();
      let chain = ZERO;
      for (const t of terms) {
        s.add(t);
        chain = chain.plus(t);
      }
      same(s.value(), chain);
      if (terms.length > 0) same(s.mean(terms.length), chain.div(terms.length));
    }),
    { numRuns: 3000 },
  );
});

/** Merges `sums` into one, in the given order. */
function mergedInOrder(sums: readonly ExactSum[]): ExactSum {
  const total = new ExactSum();
  for (const s of sums) total.addSum(s);
  return total;
}

const moneyText = fc
  .tuple(fc.integer({ min: -99_999_999, max: 99_999_999 }), fc.integer({ min: 0, max: 4 }))
  .map(([units, places]) => new Decimal(`${units}e-${places}`));

function checkAnyOrder(groups: readonly (readonly Decimal[])[], cut: number, seed: number): boolean {
  const sums = groups.map((g) => {
    const s = new ExactSum();
    for (const t of g) s.add(t);
    return s;
  });
  if (!ExactSum.mergeInAnyOrder(sums)) return false;
  // Another order (rotated by seed) and grouping (two halves merged apart, then together).
  const rotated = sums.map((_, i) => sums[(i + seed) % sums.length]!);
  const at = Math.min(cut, rotated.length);
  const regrouped = mergedInOrder([mergedInOrder(rotated.slice(0, at)), mergedInOrder(rotated.slice(at))]);
  const inOrder = mergedInOrder(sums);
  let chain = ZERO;
  for (const g of groups) for (const t of g) chain = chain.plus(t);
  same(inOrder.value(), chain);
  same(regrouped.value(), inOrder.value());
  for (const count of [1, 3, 7]) same(regrouped.mean(count), inOrder.mean(count));
  return true;
}

it("merges sums to the same value in any order and grouping when mergeInAnyOrder says so", () => {
  let taken = 0;
  fc.assert(
    fc.property(
      fc.array(fc.array(decimalText, { maxLength: 6 }), { minLength: 1, maxLength: 8 }),
      fc.nat(8),
      fc.nat(20),
      (groups, cut, seed) => {
        if (checkAnyOrder(groups, cut, seed)) taken++;
      },
    ),
    { numRuns: 2000 },
  );
  // Money-sized terms always qualify.
  fc.assert(
    fc.property(
      fc.array(fc.array(moneyText, { maxLength: 6 }), { minLength: 1, maxLength: 8 }),
      fc.nat(8),
      fc.nat(20),
      (groups, cut, seed) => {
        expect(checkAnyOrder(groups, cut, seed)).toBe(true);
      },
    ),
    { numRuns: 1000 },
  );
  expect(taken).toBeGreaterThan(0);
});

it("refuses sums on the Decimal chain or whose bounds together pass half of the fast path's", () => {
  const slow = new ExactSum();
  slow.add(new Decimal("1e-20"));
  expect(ExactSum.mergeInAnyOrder([slow])).toBe(false);
  // A 31-digit term counts as 10^31 units in the bound.
  const big = new ExactSum();
  big.add(new Decimal("3e30"));
  expect(ExactSum.mergeInAnyOrder([big, null, big, big, big, big])).toBe(true);
  expect(ExactSum.mergeInAnyOrder([big, big, big, big, big, big])).toBe(false);
  const cents = new ExactSum();
  cents.add(new Decimal("0.01"));
  // At scale 2 the big term's bound is 10^33 units.
  expect(ExactSum.mergeInAnyOrder([big, cents])).toBe(false);
});
