// The curve's points build their running figures on first read (CurvePoint); they must be the Decimal chain's
// values, also across the switch from integer figures to Decimals that a long P&L forces midway.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareDecimals, Decimal, ZERO } from "../money.ts";
import { buildEquityCurve } from "./equity-curve.ts";
import { testTrades } from "./test-trade.ts";

const pnl = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -99_999_999, max: 99_999_999 }).map((c) => `${c}e-2`) },
  // Base-currency P&Ls of 16–20 digits stay integers in two limbs; 34 digits force the Decimal way.
  { weight: 2, arbitrary: fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map((n) => `${n}e-8`) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(10n ** 33n), max: 10n ** 33n }).map((n) => `${n}e-4`) },
);

const text = (d: Decimal) => `${d.isNeg() ? "-" : "+"}${d.abs().toString()}`;

describe("equity curve points", () => {
  it("are the running sum and the fall from the running peak (from 0), as Decimal chains", () => {
    fc.assert(
      fc.property(fc.array(pnl, { minLength: 1, maxLength: 40 }), (pnls) => {
        const trades = testTrades(pnls);
        const { points, maxDrawdownBase } = buildEquityCurve(trades);
        let cumulative = ZERO;
        let peak = ZERO;
        let max = ZERO;
        points.forEach((point, i) => {
          cumulative = cumulative.plus(trades[i]!.realizedPnlBase);
          let drawdown = ZERO;
          if (compareDecimals(cumulative, peak) >= 0) peak = cumulative;
          else drawdown = peak.minus(cumulative);
          if (compareDecimals(drawdown, max) > 0) max = drawdown;
          expect(text(point.cumulativePnlBase)).toBe(text(cumulative));
          expect(text(point.drawdownBase)).toBe(text(drawdown));
          expect(point.cumulativePnlBase).toBe(point.cumulativePnlBase);
          expect(point.pnlBase).toBe(trades[i]!.realizedPnlBase);
        });
        expect(text(maxDrawdownBase)).toBe(text(max));
      }),
      { numRuns: 1500 },
    );
  });

  it("serialise as plain points: time, pnlBase, cumulativePnlBase, drawdownBase", () => {
    const { points } = buildEquityCurve(testTrades([100, "-30.5"]));
    expect(JSON.parse(JSON.stringify(points))).toEqual([
      { time: "2025-01-06T15:00:00Z", pnlBase: "100", cumulativePnlBase: "100", drawdownBase: "0" },
      { time: "2025-01-06T16:00:00Z", pnlBase: "-30.5", cumulativePnlBase: "69.5", drawdownBase: "30.5" },
    ]);
    expect(new Decimal(points[1]!.drawdownBase).eq("30.5")).toBe(true);
  });
});
