import { describe, expect, it } from "vitest";
import { computeSummary } from "./compute-summary.ts";
import { plain, testTrade } from "./test-trade.ts";

describe("computeSummary on the contract's example", () => {
  it("buy 100 @ 150 and sell 100 @ 152.50 with $1 commissions each: one win of 248", () => {
    const trade = testTrade({ pnl: "248", returnPct: "1.65333" });
    const { summary, issues } = computeSummary([trade], [{ accountId: "U1234567", baseCurrency: "USD" }]);
    expect(issues).toEqual([]);
    expect(plain(summary)).toEqual({
      baseCurrency: "USD",
      trades: 1,
      wins: 1,
      losses: 0,
      scratches: 0,
      winRate: "100",
      netPnlBase: "248",
      grossProfitBase: "248",
      grossLossBase: "0",
      profitFactor: null,
      expectancyBase: "248",
      avgWinBase: "248",
      avgLossBase: null,
      largestWinBase: "248",
      largestLossBase: null,
      avgReturnPct: "1.65333",
      maxDrawdownBase: "0",
    });
  });
});
