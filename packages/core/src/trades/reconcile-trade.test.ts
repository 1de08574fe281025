// The integer tolerance check must agree with |a − b| ≤ 0.02 in Decimals.
import fc from "fast-check";
import { expect, it } from "vitest";
import { Decimal } from "../money.ts";
import { withinTolerance } from "./reconcile-trade.ts";

const amount = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.integer({ min: 0, max: 17 }))
  .map(([neg, units, scale]) => new Decimal(`${neg ? "-" : ""}${units}e-${scale}`));

it("compares with the tolerance like the Decimal difference", () => {
  const near = fc.tuple(amount, fc.integer({ min: -300, max: 300 }), fc.integer({ min: 2, max: 4 }));
  fc.assert(
    fc.property(near, ([a, steps, places]) => {
      const b = a.plus(new Decimal(`${steps}e-${places}`));
      expect(withinTolerance(a, b)).toBe(a.minus(b).abs().lte("0.02"));
      expect(withinTolerance(b, a)).toBe(b.minus(a).abs().lte("0.02"));
    }),
    { numRuns: 3000 },
  );
  fc.assert(
    fc.property(amount, amount, (a, b) => {
      expect(withinTolerance(a, b)).toBe(a.minus(b).abs().lte("0.02"));
    }),
  );
});
