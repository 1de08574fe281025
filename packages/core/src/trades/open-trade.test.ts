// A trade's sums (and each leg's cash flow) must be the Decimal chains over its legs, also when the base-currency sum is shared with
// realizedPnl until the first leg at another FX rate (open-trade.ts forks it then).
import fc from "fast-check";
import { expect, it } from "vitest";
import { Decimal, ONE, ZERO } from "../money.ts";
import { addLeg, closeTrade, startTrade } from "./open-trade.ts";

const amount = fc
  .tuple(
    fc.boolean(),
    fc.oneof(fc.integer({ min: 1, max: 99_999 }), fc.bigInt({ min: 1n, max: 10n ** 18n })),
    fc.integer({ min: 0, max: 6 }),
  )
  .map(([neg, digits, places]) => new Decimal(`${neg ? "-" : ""}${digits}e-${places}`));
const fx = fc.oneof(
  fc.constant(ONE),
  fc.integer({ min: 50_000, max: 200_000 }).map((r) => new Decimal(`${r}e-5`)),
);
const leg = fc.record({
  quantity: amount,
  price: amount.map((p) => p.abs()),
  commission: amount.map((c) => c.abs().negated()),
  fx,
});

const same = (a: Decimal, b: Decimal) =>
  expect([a.toString(), a.isNegative()]).toEqual([b.toString(), b.isNegative()]);

it("sums realizedPnl, realizedPnlBase and fees like the Decimal chains, whatever the mix of FX rates", () => {
  fc.assert(
    fc.property(fc.array(leg, { minLength: 1, maxLength: 8 }), (legs) => {
      const opening = {
        accountId: "U1",
        symbol: "X",
        conid: "1",
        assetClass: "STK",
        currency: "EUR",
        time: "t",
        timeMs: 0,
      };
      const trade = startTrade(opening, legs[0]!.quantity);
      let pnl = ZERO;
      let base = ZERO;
      let fees = ZERO;
      const cashFlows: Decimal[] = [];
      for (const l of legs) {
        const src = {
          executionId: null,
          time: "t",
          price: l.price,
          multiplier: ONE,
          fxRateToBase: l.fx,
          synthetic: null,
        };
        addLeg(trade, src, l.quantity, l.commission, null, false, l.quantity);
        const cash = l.commission.minus(l.quantity.times(l.price));
        cashFlows.push(cash);
        pnl = pnl.plus(cash);
        base = base.plus(cash.times(l.fx));
        fees = fees.plus(l.commission);
      }
      const closed = closeTrade(trade, "t", 0);
      same(closed.realizedPnl, pnl);
      same(closed.realizedPnlBase, base);
      same(closed.fees, fees);
      // Each leg's cash flow, kept as units until read (built-leg.ts), is the Decimal expression's value.
      closed.legs.forEach((leg, i) => {
        same(leg.cashFlow, cashFlows[i]!);
        expect(leg.cashFlow).toBe(leg.cashFlow);
      });
    }),
    { numRuns: 2000 },
  );
});
