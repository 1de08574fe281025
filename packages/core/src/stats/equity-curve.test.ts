// The equity curve and its drawdown (docs/metrics.md, "Drawdown"), and its points as plain data.
import { describe, expect, it } from "vitest";
import { buildEquityCurve, maxDrawdownOf } from "./equity-curve.ts";
import { testTrades } from "./test-trade.ts";

describe("equity curve", () => {
  it("falls from a running peak that starts at 0: the metrics page's worked example", () => {
    const trades = testTrades([100, -30, 50, -80, -20, 10]);
    const { points, maxDrawdownBase } = buildEquityCurve(trades);
    expect(points.map((p) => p.cumulativePnlBase.toString())).toEqual(["100", "70", "120", "40", "20", "30"]);
    expect(points.map((p) => p.drawdownBase.toString())).toEqual(["0", "30", "0", "80", "100", "90"]);
    expect(maxDrawdownBase.toString()).toBe("100");
    expect(maxDrawdownOf(trades).toString()).toBe("100");
    expect(maxDrawdownOf(testTrades([-50])).toString()).toBe("50");
  });

  it("has plain points: a spread or Object.keys sees every field, JSON prints them in order", () => {
    const { points } = buildEquityCurve(testTrades([100, "-30.5"]));
    expect(points.map((p) => ({ ...p }))).toEqual(points);
    expect(Object.keys(points[1]!)).toEqual(["time", "pnlBase", "cumulativePnlBase", "drawdownBase"]);
    expect(JSON.parse(JSON.stringify(points))).toEqual([
      { time: "2025-01-06T15:00:00Z", pnlBase: "100", cumulativePnlBase: "100", drawdownBase: "0" },
      { time: "2025-01-06T16:00:00Z", pnlBase: "-30.5", cumulativePnlBase: "69.5", drawdownBase: "30.5" },
    ]);
  });
});
