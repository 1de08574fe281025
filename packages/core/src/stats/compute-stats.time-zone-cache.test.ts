import { afterEach, describe, expect, it, vi } from "vitest";
import { computeStats } from "./compute-stats.ts";
import { testTrade } from "./test-trade.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("computeStats time-zone conversion cost", () => {
  it("asks Intl about each UTC day a few times, not about each trade", () => {
    // 10,000 trades over 10 days in a zone no other test in this file touches.
    const trades = Array.from({ length: 10_000 }, (_, i) => {
      const opened = Date.UTC(2025, 2, 3, 14, 30) + i * 86_400_000 * 0.001;
      return testTrade({
        pnl: i % 3 === 0 ? -1 : 2,
        openedAt: new Date(opened).toISOString().replace(/\.\d{3}/, ""),
        closedAt: new Date(opened + 600_000).toISOString().replace(/\.\d{3}/, ""),
      });
    });
    const formatToParts = vi.spyOn(Intl.DateTimeFormat.prototype, "formatToParts");
    computeStats(trades, { timeZone: "America/Chicago" });
    // ≤ 11 UTC days × 2 ends; the DST-start day (2025-03-09) adds ≤ 24 hours × 2 ends.
    expect(formatToParts.mock.calls.length).toBeLessThanOrEqual(11 * 2 + 24 * 2);
    expect(formatToParts.mock.calls.length).toBeGreaterThan(0);

    formatToParts.mockClear();
    computeStats(trades, { timeZone: "America/Chicago" });
    expect(formatToParts).not.toHaveBeenCalled();
  });
});
