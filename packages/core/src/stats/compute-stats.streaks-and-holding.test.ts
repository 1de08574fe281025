import { describe, expect, it } from "vitest";
import { computeStats } from "./compute-stats.ts";
import { HOLDING_TIME_BUCKETS, holdingTimeBucketIndex } from "./holding-time-buckets.ts";
import { testTrade, testTrades } from "./test-trade.ts";

const NY = { timeZone: "America/New_York" };

describe("computeStats streaks", () => {
  it("lets a scratch end a run: W W S W L L L W → longest win 2, longest loss 3, current win 1", () => {
    const stats = computeStats(testTrades([5, 5, 0, 5, -1, -1, -1, 5]), NY);
    expect(stats.longestWinStreak).toBe(2);
    expect(stats.longestLossStreak).toBe(3);
    expect(stats.currentStreak).toEqual({ outcome: "win", length: 1 });
  });

  it("reports the current losing run", () => {
    const stats = computeStats(testTrades([5, -1, -2]), NY);
    expect(stats.currentStreak).toEqual({ outcome: "loss", length: 2 });
    expect(stats.longestWinStreak).toBe(1);
  });

  it("has no current run after a scratch, and no runs of scratches", () => {
    const stats = computeStats(testTrades([0, 0, 0]), NY);
    expect(stats.currentStreak).toBeNull();
    expect(stats.longestWinStreak).toBe(0);
    expect(stats.longestLossStreak).toBe(0);
  });
});

describe("computeStats holding time", () => {
  const held = (seconds: number[]) =>
    computeStats(
      seconds.map((holdingSeconds) => testTrade({ pnl: 1, holdingSeconds })),
      NY,
    );

  it("averages and takes the middle of an even count: 10, 20, 30, 100 → mean 40, median 25", () => {
    const stats = held([100, 10, 30, 20]);
    expect(stats.avgHoldingSeconds).toBe(40);
    expect(stats.medianHoldingSeconds).toBe(25);
  });

  it("takes the middle value of an odd count: 5, 1, 3 → median 3", () => {
    expect(held([5, 1, 3]).medianHoldingSeconds).toBe(3);
  });

  it("puts each bound in the longer bucket (lower bound inclusive)", () => {
    const keyOf = (s: number) => HOLDING_TIME_BUCKETS[holdingTimeBucketIndex(s)]!.key;
    expect(keyOf(0)).toBe("lt-1m");
    expect(keyOf(59)).toBe("lt-1m");
    expect(keyOf(60)).toBe("1m-5m");
    expect(keyOf(299)).toBe("1m-5m");
    expect(keyOf(300)).toBe("5m-15m");
    expect(keyOf(900)).toBe("15m-1h");
    expect(keyOf(3_600)).toBe("1h-4h");
    expect(keyOf(14_399)).toBe("1h-4h");
    expect(keyOf(14_400)).toBe("4h-1d");
    expect(keyOf(86_399)).toBe("4h-1d");
    expect(keyOf(86_400)).toBe("1d-1w");
    expect(keyOf(604_800)).toBe("1w-4w");
    expect(keyOf(2_419_199)).toBe("1w-4w");
    expect(keyOf(2_419_200)).toBe("gt-4w");
    expect(keyOf(-5)).toBe("lt-1m");
  });
});
