import { describe, expect, it } from "vitest";
import { computeStats } from "./compute-stats.ts";
import { plain, testTrade } from "./test-trade.ts";

const NY = { timeZone: "America/New_York" };

// Opened Monday 2025-01-06 09:30 New York (14:30Z) unless stated; holding times set explicitly.
const monday = { openedAt: "2025-01-06T14:30:00Z", closedAt: "2025-01-06T14:40:00Z" };
const trades = [
  testTrade({ ...monday, symbol: "AAPL", side: "long", pnl: "100", returnPct: "2", holdingSeconds: 30 }),
  testTrade({ ...monday, symbol: "AAPL", side: "short", pnl: "-40", returnPct: "-1", holdingSeconds: 600 }),
  testTrade({ ...monday, symbol: "MSFT", side: "long", pnl: "0", returnPct: "0", holdingSeconds: 600 }),
  testTrade({
    symbol: "SPY   250117C00600000",
    assetClass: "OPT",
    side: "long",
    pnl: "250.5",
    returnPct: "50",
    openedAt: "2025-01-07T15:45:00Z", // Tuesday 10:45 New York, held one day
    closedAt: "2025-01-08T15:45:00Z",
  }),
];

describe("computeStats breakdowns", () => {
  const stats = computeStats(trades, NY);

  it("gives every breakdown row the same fields as the overall group", () => {
    expect(plain(stats.bySymbol.find((r) => r.key === "AAPL"))).toEqual({
      key: "AAPL",
      label: "AAPL",
      trades: 2,
      wins: 1,
      losses: 1,
      scratches: 0,
      winRate: "50",
      netPnlBase: "60",
      avgPnlBase: "30",
      grossProfitBase: "100",
      grossLossBase: "-40",
      profitFactor: "2.5",
      avgWinBase: "100",
      avgLossBase: "-40",
      largestWinBase: "100",
      largestLossBase: "-40",
      avgReturnPct: "0.5",
      avgWinPct: "2",
      avgLossPct: "-1",
    });
  });

  it("sorts symbols and asset classes by key and lists only those traded", () => {
    expect(stats.bySymbol.map((r) => r.key)).toEqual(["AAPL", "MSFT", "SPY   250117C00600000"]);
    expect(stats.byAssetClass.map((r) => [r.key, r.label, r.trades])).toEqual([
      ["OPT", "Options", 1],
      ["STK", "Stocks", 3],
    ]);
  });

  it("splits long and short", () => {
    expect(stats.bySide.map((r) => [r.key, r.trades, plain(r.netPnlBase)])).toEqual([
      ["long", 3, "350.5"],
      ["short", 1, "-40"],
    ]);
  });

  it("lists all seven weekdays and all 24 hours, empty ones with null ratios", () => {
    expect(stats.byWeekday.map((r) => r.key)).toEqual(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]);
    expect(stats.byWeekday.map((r) => r.trades)).toEqual([3, 1, 0, 0, 0, 0, 0]);
    expect(stats.byHour).toHaveLength(24);
    expect(stats.byHour.filter((r) => r.trades > 0).map((r) => [r.key, r.trades])).toEqual([
      ["09", 3],
      ["10", 1],
    ]);
    expect(plain(stats.byWeekday[6])).toEqual({
      key: "sun",
      label: "Sunday",
      trades: 0,
      wins: 0,
      losses: 0,
      scratches: 0,
      winRate: null,
      netPnlBase: "0",
      avgPnlBase: null,
      grossProfitBase: "0",
      grossLossBase: "0",
      profitFactor: null,
      avgWinBase: null,
      avgLossBase: null,
      largestWinBase: null,
      largestLossBase: null,
      avgReturnPct: null,
      avgWinPct: null,
      avgLossPct: null,
    });
  });

  it("buckets holding times: 30 s, 10 min twice, one day", () => {
    expect(stats.byHoldingTime.map((r) => [r.key, r.trades])).toEqual([
      ["lt-1m", 1],
      ["1m-5m", 0],
      ["5m-15m", 2],
      ["15m-1h", 0],
      ["1h-4h", 0],
      ["4h-1d", 0],
      ["1d-1w", 1],
      ["1w-4w", 0],
      ["gt-4w", 0],
    ]);
  });

  it("averages winners' and losers' returnPct separately", () => {
    expect(plain(stats.avgWinPct)).toBe("26"); // (2 + 50) / 2
    expect(plain(stats.avgLossPct)).toBe("-1");
    expect(plain(stats.overall)).toMatchObject({
      key: "all",
      trades: 4,
      netPnlBase: "310.5",
      avgReturnPct: "12.75",
    });
  });

  it("returns empty lists and null figures for no trades", () => {
    const empty = computeStats([], NY);
    expect(empty.bySymbol).toEqual([]);
    expect(empty.bySide).toEqual([]);
    expect(empty.daily).toEqual([]);
    expect(empty.monthly).toEqual([]);
    expect(empty.equityCurve).toEqual([]);
    expect(plain(empty.maxDrawdownBase)).toBe("0");
    expect(empty.byWeekday.every((r) => r.trades === 0 && r.winRate === null)).toBe(true);
    expect(empty.avgWinPct).toBeNull();
    expect(empty.avgLossPct).toBeNull();
    expect(empty.avgHoldingSeconds).toBeNull();
    expect(empty.medianHoldingSeconds).toBeNull();
    expect(empty.currentStreak).toBeNull();
  });
});
