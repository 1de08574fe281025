// decimal-units.ts's helpers must give exactly what decimal.js gives, sign of zero included.
import fc from "fast-check";
import { expect, it } from "vitest";
import { exactNeg } from "./decimal-units.ts";
import { Decimal, ZERO } from "./money.ts";

const decimalText = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 40n }), fc.integer({ min: 0, max: 20 }))
  .map(([neg, digits, places]) => new Decimal(`${neg ? "-" : ""}${digits}e-${places}`));

const same = (a: Decimal, b: Decimal) => expect([a.toString(), a.isNeg()]).toEqual([b.toString(), b.isNeg()]);

it("exactNeg is x.neg(), sign of zero included", () => {
  fc.assert(
    fc.property(decimalText, (x) => {
      same(exactNeg(x), x.neg());
    }),
    { numRuns: 2000 },
  );
  same(exactNeg(new Decimal("-0")), new Decimal("0"));
  same(exactNeg(ZERO), new Decimal("-0"));
});
