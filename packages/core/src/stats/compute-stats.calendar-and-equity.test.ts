import { describe, expect, it } from "vitest";
import { computeStats } from "./compute-stats.ts";
import { plain, testTrade } from "./test-trade.ts";

const NY = { timeZone: "America/New_York" };
const closing = (closedAt: string, pnl: string) =>
  testTrade({ pnl, openedAt: "2025-01-02T14:30:00Z", closedAt });

// Closed (New York dates): Jan 2 +100, Jan 2 −30.50, Jan 3 −80, Feb 3 +0, Feb 4 +25.25.
const trades = [
  closing("2025-01-02T15:00:00Z", "100"),
  closing("2025-01-02T20:00:00Z", "-30.50"),
  closing("2025-01-03T15:00:00Z", "-80"),
  closing("2025-02-03T15:00:00Z", "0"),
  closing("2025-02-04T15:00:00Z", "25.25"),
];

describe("computeStats daily and monthly P&L", () => {
  const stats = computeStats(trades, NY);

  it("sums each exchange-time close date", () => {
    expect(plain(stats.daily)).toEqual([
      { date: "2025-01-02", trades: 2, wins: 1, losses: 1, scratches: 0, netPnlBase: "69.5" },
      { date: "2025-01-03", trades: 1, wins: 0, losses: 1, scratches: 0, netPnlBase: "-80" },
      { date: "2025-02-03", trades: 1, wins: 0, losses: 0, scratches: 1, netPnlBase: "0" },
      { date: "2025-02-04", trades: 1, wins: 1, losses: 0, scratches: 0, netPnlBase: "25.25" },
    ]);
  });

  it("sums the days of each month", () => {
    expect(plain(stats.monthly)).toEqual([
      { date: "2025-01", trades: 3, wins: 1, losses: 2, scratches: 0, netPnlBase: "-10.5" },
      { date: "2025-02", trades: 2, wins: 1, losses: 0, scratches: 1, netPnlBase: "25.25" },
    ]);
  });

  it("gives the same days when the trades come in another order", () => {
    const shuffled = [trades[3]!, trades[0]!, trades[4]!, trades[2]!, trades[1]!];
    expect(plain(computeStats(shuffled, NY).daily)).toEqual(plain(stats.daily));
  });
});

describe("computeStats equity curve", () => {
  it("has one point per trade with the running sum and the fall from the running peak (from 0)", () => {
    const stats = computeStats(trades, NY);
    expect(plain(stats.equityCurve)).toEqual([
      { time: "2025-01-02T15:00:00Z", pnlBase: "100", cumulativePnlBase: "100", drawdownBase: "0" },
      { time: "2025-01-02T20:00:00Z", pnlBase: "-30.5", cumulativePnlBase: "69.5", drawdownBase: "30.5" },
      { time: "2025-01-03T15:00:00Z", pnlBase: "-80", cumulativePnlBase: "-10.5", drawdownBase: "110.5" },
      { time: "2025-02-03T15:00:00Z", pnlBase: "0", cumulativePnlBase: "-10.5", drawdownBase: "110.5" },
      { time: "2025-02-04T15:00:00Z", pnlBase: "25.25", cumulativePnlBase: "14.75", drawdownBase: "85.25" },
    ]);
    expect(plain(stats.maxDrawdownBase)).toBe("110.5");
  });

  it("counts a first losing trade as a drawdown", () => {
    const stats = computeStats([closing("2025-01-02T15:00:00Z", "-12")], NY);
    expect(plain(stats.equityCurve[0]!.drawdownBase)).toBe("12");
    expect(plain(stats.maxDrawdownBase)).toBe("12");
  });
});
