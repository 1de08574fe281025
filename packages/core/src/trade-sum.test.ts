// TradeSum must give exactly what the Decimal chain gives, on the safe-integer path and after leaving it.
import fc from "fast-check";
import { expect, it } from "vitest";
import { decompose, fromUnits, termScale, termUnits } from "./decimal-units.ts";
import { Decimal, ZERO } from "./money.ts";
import { TradeSum } from "./trade-sum.ts";

const decimalText = fc
  .tuple(
    fc.boolean(),
    fc.oneof(
      fc.integer({ min: 0, max: 99_999 }),
      fc.bigInt({ min: 0n, max: 10n ** 17n }),
      fc.bigInt({ min: 0n, max: 10n ** 40n }),
    ),
    fc.integer({ min: 0, max: 18 }),
  )
  .map(([neg, digits, places]) => new Decimal(`${neg ? "-" : ""}${digits}e-${places}`));

/** Same value and the same sign of zero. */
const same = (a: Decimal, b: Decimal) => expect([a.toString(), a.isNeg()]).toEqual([b.toString(), b.isNeg()]);

type Op = { kind: "add" | "abs" | "scaled"; x: Decimal };
const op = fc
  .tuple(fc.constantFrom<Op["kind"]>("add", "abs", "scaled"), decimalText)
  .map(([kind, x]) => ({ kind, x }));

function apply(s: TradeSum, chain: Decimal, { kind, x }: Op): Decimal {
  if (kind === "abs") {
    s.addAbs(x);
    return chain.plus(x.abs());
  }
  if (kind === "scaled" && decompose(x)) s.addScaled(termUnits(), termScale());
  else s.add(x);
  return chain.plus(x);
}

it("sums like the Decimal chain, through add, addAbs and addScaled", () => {
  fc.assert(
    fc.property(fc.option(decimalText, { nil: undefined }), fc.array(op, { maxLength: 30 }), (start, ops) => {
      const s = new TradeSum(start);
      let chain = start ?? ZERO;
      for (const o of ops) chain = apply(s, chain, o);
      // A start alone is the chain's first term taken as it is, but a sum of no terms is 0 either way.
      if (ops.length > 0 || start === undefined || !start.isZero()) same(s.value(), chain);
      if (s.decomposeValue()) same(fromUnits(termUnits(), termScale()), s.value());
    }),
    { numRuns: 3000 },
  );
});

it("a copy goes on independently from the same state", () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 12 }), fc.array(op, { maxLength: 12 }), (before, after) => {
      const s = new TradeSum();
      let chain = ZERO;
      for (const o of before) chain = apply(s, chain, o);
      const c = s.copy();
      let forked = chain;
      for (const o of after) forked = apply(c, forked, o);
      same(c.value(), forked);
      same(s.value(), chain);
    }),
    { numRuns: 1000 },
  );
});

it("leaves the safe-integer path when the sum outgrows it, and stays exact", () => {
  const s = new TradeSum();
  s.add(new Decimal("9007199254740991")); // 2^53 − 1
  s.add(new Decimal("1"));
  s.add(new Decimal("0.000000000000001"));
  same(s.value(), new Decimal("9007199254740992.000000000000001"));
});
