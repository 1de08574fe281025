// The BigInt returnPct must be the Decimal way's value (34-digit division, then 12 places half-even) exactly.
import fc from "fast-check";
import { expect, it } from "vitest";
import { ExactSum } from "../exact-sum.ts";
import { Decimal, HUNDRED } from "../money.ts";
import {
  bigIntReturnPct,
  integerReturnPct,
  returnPct,
  returnPctOfSum,
  returnPctOfUnits,
} from "./return-pct.ts";

const decimalWay = (r: Decimal, o: Decimal) => r.times(HUNDRED).div(o).toDecimalPlaces(12);
const repr = (x: Decimal | null) => (x === null ? null : [x.s, x.e, [...x.d]]);

const amount = fc
  .tuple(fc.boolean(), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 0, max: 15 }))
  .map(([neg, units, scale]) => new Decimal(`${neg ? "-" : ""}${units}e-${scale}`));

it("gives the Decimal way's returnPct", () => {
  let fast = 0;
  fc.assert(
    fc.property(amount, amount, (r, o) => {
      const v = integerReturnPct(r, o);
      if (v === null) return;
      fast++;
      expect(repr(v)).toEqual(repr(decimalWay(r, o)));
    }),
    { numRuns: 5000 },
  );
  expect(fast).toBeGreaterThan(1000); // the integer way was exercised, not skipped
});

it("is right on and around 12-place half-way points, where rounding twice could differ", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 999_999_999 }),
      fc.integer({ min: 0, max: 6 }),
      fc.integer({ min: 0, max: 999_999 }),
      fc.integer({ min: -2, max: 2 }),
      (valueUnits, valueScale, pct, nudge) => {
        const o = new Decimal(`${valueUnits}e-${valueScale}`);
        // pnl with return exactly pct·10^-6 + 5·10^-13 (a half-way point), cut to ≤ 15 places and nudged
        const r = new Decimal(`${pct}e-6`)
          .plus("5e-13")
          .times(o)
          .div(HUNDRED)
          .toDecimalPlaces(15)
          .plus(new Decimal(`${nudge}e-15`));
        expect(repr(returnPct(r, o))).toEqual(repr(r.isZero() ? r.times(HUNDRED).div(o) : decimalWay(r, o)));
      },
    ),
    { numRuns: 3000 },
  );
  // 2^-k quotients terminate: exact half-way points reach the half-even rule itself.
  for (let k = 0; k < 60; k++) {
    const o = new Decimal(2).pow(k);
    for (const r of ["1e-10", "3e-10", "-5e-10", "12345.678", "1"].map((x) => new Decimal(x)))
      expect(repr(returnPct(r, o))).toEqual(repr(decimalWay(r, o)));
  }
  expect(returnPct(new Decimal(5), new Decimal(0))).toBeNull();
});

it("gives the same returnPct from an opened-value sum as from its Decimal value", () => {
  const term = fc
    .tuple(fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 0, max: 15 }))
    .map(([units, scale]) => new Decimal(`${units}e-${scale}`));
  fc.assert(
    fc.property(amount, fc.array(term, { maxLength: 6 }), (r, terms) => {
      const sum = new ExactSum();
      for (const t of terms) sum.add(t);
      expect(repr(returnPctOfSum(r, sum))).toEqual(repr(returnPct(r, sum.value())));
    }),
    { numRuns: 3000 },
  );
});

it("divides on doubles exactly as in BigInt", () => {
  const units = fc.oneof(
    fc.integer({ min: 1, max: 99_999_999 }),
    fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  );
  fc.assert(
    fc.property(
      fc.boolean(),
      units,
      fc.integer({ min: 0, max: 15 }),
      fc.boolean(),
      units,
      fc.integer({ min: 0, max: 15 }),
      (pnlNeg, pnl, pnlScale, valueNeg, value, valueScale) => {
        const p = pnlNeg ? -pnl : pnl;
        const v = valueNeg ? -value : value;
        expect(repr(returnPctOfUnits(p, pnlScale, v, valueScale))).toEqual(
          repr(bigIntReturnPct(p, pnlScale, v, valueScale)),
        );
      },
    ),
    { numRuns: 20_000 },
  );
});
