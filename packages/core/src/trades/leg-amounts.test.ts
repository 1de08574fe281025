// The integer leg amounts must be exactly the Decimal operations' values whenever they are used.
import fc from "fast-check";
import { expect, it } from "vitest";
import { fromUnits } from "../decimal-units.ts";
import { Decimal, ONE } from "../money.ts";
import { amounts, baseAmount, legAmounts } from "./leg-amounts.ts";

const decimal = fc
  .tuple(
    fc.boolean(),
    fc.oneof(
      { arbitrary: fc.integer({ min: 0, max: 99_999 }), weight: 3 },
      fc.bigInt({ min: 0n, max: 10n ** 20n }),
    ),
    fc.integer({ min: 0, max: 12 }),
  )
  .map(([neg, digits, places]) => new Decimal(`${neg ? "-" : ""}${digits}e-${places}`));

const repr = (x: Decimal) => [x.s, x.e, [...x.d]];

it("gives the notional, cash flow and base cash flow of the Decimal operations", () => {
  let fast = 0;
  fc.assert(
    fc.property(
      decimal,
      decimal,
      fc.oneof(fc.constant(ONE), decimal),
      fc.oneof(
        decimal.map((c) => c.abs().neg()),
        decimal,
      ),
      fc.oneof(fc.constant(ONE), decimal),
      (quantity, price, multiplier, commission, fx) => {
        if (!legAmounts(quantity, price, multiplier, commission)) return;
        fast++;
        const notional = quantity.times(price).times(multiplier);
        const cash = commission.minus(notional);
        expect(repr(fromUnits(amounts.notionalUnits, amounts.notionalScale))).toEqual(repr(notional));
        expect(repr(fromUnits(amounts.cashUnits, amounts.cashScale))).toEqual(repr(cash));
        if (baseAmount(fx))
          expect(repr(fromUnits(amounts.baseUnits, amounts.baseScale))).toEqual(repr(cash.times(fx)));
      },
    ),
    { numRuns: 5000 },
  );
  expect(fast).toBeGreaterThan(200); // the fast path was exercised, not skipped
});

it("leaves zeros and out-of-range amounts to the Decimal way", () => {
  const d = (s: string) => new Decimal(s);
  expect(legAmounts(d("0"), d("10"), ONE, d("-1"))).toBe(false);
  expect(legAmounts(d("-5"), d("0"), ONE, d("0"))).toBe(false);
  // commission − notional = 0: decimal.js decides the sign of that zero
  expect(legAmounts(d("1"), d("2"), ONE, d("2"))).toBe(false);
  expect(legAmounts(d("123456789"), d("123456789"), ONE, d("0"))).toBe(false);
  expect(legAmounts(d("1"), d("1e-16"), ONE, d("0"))).toBe(false);
  expect(legAmounts(d("100"), d("12.5"), d("100"), d("-1.25"))).toBe(true);
  expect([amounts.notionalUnits, amounts.notionalScale, amounts.cashUnits, amounts.cashScale]).toEqual([
    125000, 0, -12500125, 2,
  ]);
});
