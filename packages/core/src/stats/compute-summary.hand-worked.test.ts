import { describe, expect, it } from "vitest";
import { ratioString } from "../money.ts";
import { computeSummary } from "./compute-summary.ts";
import { plain, testTrade } from "./test-trade.ts";

const USD = [{ accountId: "U1234567", baseCurrency: "USD" }];

describe("computeSummary worked by hand", () => {
  // P&L 100, −40, 0, 250.50, −60.25 with returns 2 %, −1 %, 0 %, 5 %, none.
  const trades = [
    testTrade({ pnl: "100", returnPct: "2" }),
    testTrade({ pnl: "-40", returnPct: "-1" }),
    testTrade({ pnl: "0", returnPct: "0" }),
    testTrade({ pnl: "250.50", returnPct: "5" }),
    testTrade({ pnl: "-60.25", returnPct: null }),
  ];
  const { summary } = computeSummary(trades, USD);

  it("counts wins, losses and scratches; the win rate ignores scratches", () => {
    expect(summary.trades).toBe(5);
    expect(summary.wins).toBe(2);
    expect(summary.losses).toBe(2);
    expect(summary.scratches).toBe(1);
    expect(plain(summary.winRate)).toBe("50");
  });

  it("sums gross profit 350.5 and gross loss −100.25 into net 250.25", () => {
    expect(plain(summary.grossProfitBase)).toBe("350.5");
    expect(plain(summary.grossLossBase)).toBe("-100.25");
    expect(plain(summary.netPnlBase)).toBe("250.25");
  });

  it("divides exactly where the quotient terminates and keeps 60 digits where it does not", () => {
    expect(plain(summary.expectancyBase)).toBe("50.05"); // 250.25 / 5
    expect(plain(summary.avgWinBase)).toBe("175.25"); // 350.5 / 2
    expect(plain(summary.avgLossBase)).toBe("-50.125"); // −100.25 / 2
    // 350.5 / 100.25 = 3.4962593516209476…
    expect(ratioString(summary.profitFactor!)).toBe("3.496259");
    expect(summary.profitFactor!.times("100.25").toDecimalPlaces(40).toFixed()).toBe("350.5");
  });

  it("takes the largest win and the most negative loss", () => {
    expect(plain(summary.largestWinBase)).toBe("250.5");
    expect(plain(summary.largestLossBase)).toBe("-60.25");
  });

  it("averages returnPct over the four trades that have one: (2 − 1 + 0 + 5) / 4", () => {
    expect(plain(summary.avgReturnPct)).toBe("1.5");
  });

  it("measures drawdown on the running sum 100, 60, 60, 310.5, 250.25", () => {
    expect(plain(summary.maxDrawdownBase)).toBe("60.25");
  });

  it("prints a repeating win rate with six places: 1 win of 3 decided trades", () => {
    const third = computeSummary(
      [testTrade({ pnl: 1 }), testTrade({ pnl: -1 }), testTrade({ pnl: -1 })],
      USD,
    ).summary;
    expect(ratioString(third.winRate!)).toBe("33.333333");
  });
});
