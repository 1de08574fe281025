import { describe, expect, it } from "vitest";
import { computeSummary } from "./compute-summary.ts";
import { plain, testTrade, testTrades } from "./test-trade.ts";

const USD = [{ accountId: "U1234567", baseCurrency: "USD" }];

describe("computeSummary null and zero edge cases", () => {
  it("no trades: zero sums, null ratios and averages, base currency from the accounts", () => {
    expect(plain(computeSummary([], USD).summary)).toEqual({
      baseCurrency: "USD",
      trades: 0,
      wins: 0,
      losses: 0,
      scratches: 0,
      winRate: null,
      netPnlBase: "0",
      grossProfitBase: "0",
      grossLossBase: "0",
      profitFactor: null,
      expectancyBase: null,
      avgWinBase: null,
      avgLossBase: null,
      largestWinBase: null,
      largestLossBase: null,
      avgReturnPct: null,
      maxDrawdownBase: "0",
    });
  });

  it("no accounts at all: base currency null", () => {
    expect(computeSummary([], []).summary.baseCurrency).toBeNull();
  });

  it("only losses: win rate 0, profit factor 0, no largest win", () => {
    const s = plain(computeSummary(testTrades([-10, -30]), USD).summary);
    expect(s).toMatchObject({
      winRate: "0",
      profitFactor: "0",
      avgWinBase: null,
      largestWinBase: null,
      avgLossBase: "-20",
      largestLossBase: "-30",
      expectancyBase: "-20",
      maxDrawdownBase: "40",
    });
  });

  it("only wins: profit factor null (nothing to divide by), no largest loss, no drawdown", () => {
    const s = plain(computeSummary(testTrades([10, 30]), USD).summary);
    expect(s).toMatchObject({
      winRate: "100",
      profitFactor: null,
      avgLossBase: null,
      largestLossBase: null,
      largestWinBase: "30",
      maxDrawdownBase: "0",
    });
  });

  it("only scratches: win rate null, expectancy 0, no largest win or loss", () => {
    const s = plain(computeSummary(testTrades([0, "0.00"]), USD).summary);
    expect(s).toMatchObject({
      trades: 2,
      scratches: 2,
      winRate: null,
      profitFactor: null,
      expectancyBase: "0",
      largestWinBase: null,
      largestLossBase: null,
      netPnlBase: "0",
    });
  });

  it("no trade has a returnPct: avgReturnPct null", () => {
    expect(computeSummary(testTrades([5, -3]), USD).summary.avgReturnPct).toBeNull();
  });

  it("a negative zero P&L is a scratch, not a loss", () => {
    const s = computeSummary([testTrade({ pnl: "-0" })], USD).summary;
    expect(s.scratches).toBe(1);
    expect(s.losses).toBe(0);
  });
});
