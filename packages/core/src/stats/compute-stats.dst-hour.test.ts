import { describe, expect, it } from "vitest";
import { computeStats } from "./compute-stats.ts";
import { plain, testTrade } from "./test-trade.ts";

const NY = { timeZone: "America/New_York" };
const row = (rows: readonly { key: string; trades: number }[], key: string) =>
  rows.find((r) => r.key === key)!;

describe("computeStats buckets weekday, hour and day in exchange time across DST", () => {
  it("books a trade closing 2025-03-10T00:30:00Z on 2025-03-09 (20:30 New York)", () => {
    const stats = computeStats(
      [testTrade({ pnl: "12.5", openedAt: "2025-03-09T23:00:00Z", closedAt: "2025-03-10T00:30:00Z" })],
      NY,
    );
    expect(plain(stats.daily)).toEqual([
      { date: "2025-03-09", trades: 1, wins: 1, losses: 0, scratches: 0, netPnlBase: "12.5" },
    ]);
    expect(stats.monthly.map((m) => m.date)).toEqual(["2025-03"]);
  });

  it("counts a 09:30 open in the 09 hour in winter (14:30Z) and in summer (13:30Z)", () => {
    const stats = computeStats(
      [
        testTrade({ pnl: 10, openedAt: "2025-01-15T14:30:00Z", closedAt: "2025-01-15T15:00:00Z" }),
        testTrade({ pnl: -4, openedAt: "2025-07-15T13:30:00Z", closedAt: "2025-07-15T14:00:00Z" }),
      ],
      NY,
    );
    const nine = row(stats.byHour, "09");
    expect(plain(nine)).toMatchObject({
      label: "09:00–10:00",
      trades: 2,
      wins: 1,
      losses: 1,
      netPnlBase: "6",
    });
    expect(row(stats.byHour, "10").trades).toBe(0);
    expect(row(stats.byWeekday, "wed").trades).toBe(1); // 2025-01-15
    expect(row(stats.byWeekday, "tue").trades).toBe(1); // 2025-07-15
  });

  it("skips the 02 hour on the day DST starts: 06:59:59Z is 01 EST, 07:00Z is 03 EDT", () => {
    const stats = computeStats(
      [
        testTrade({ pnl: 1, openedAt: "2025-03-09T06:59:59Z", closedAt: "2025-03-09T07:10:00Z" }),
        testTrade({ pnl: 1, openedAt: "2025-03-09T07:00:00Z", closedAt: "2025-03-09T07:20:00Z" }),
      ],
      NY,
    );
    expect(stats.byHour.filter((h) => h.trades > 0).map((h) => h.key)).toEqual(["01", "03"]);
    expect(row(stats.byWeekday, "sun").trades).toBe(2);
  });

  it("puts both 01:30s of the day DST ends in the 01 hour", () => {
    const stats = computeStats(
      [
        testTrade({ pnl: 1, openedAt: "2025-11-02T05:30:00Z", closedAt: "2025-11-02T05:40:00Z" }),
        testTrade({ pnl: 2, openedAt: "2025-11-02T06:30:00Z", closedAt: "2025-11-02T06:40:00Z" }),
      ],
      NY,
    );
    expect(plain(row(stats.byHour, "01"))).toMatchObject({ trades: 2, netPnlBase: "3" });
  });

  it("takes weekday and hour from openedAt and the calendar day from closedAt", () => {
    // Opened Friday 2025-01-17 15:00 EST, closed Monday 2025-01-20 10:00 EST.
    const stats = computeStats(
      [testTrade({ pnl: "-7.25", openedAt: "2025-01-17T20:00:00Z", closedAt: "2025-01-20T15:00:00Z" })],
      NY,
    );
    expect(row(stats.byWeekday, "fri").trades).toBe(1);
    expect(row(stats.byWeekday, "mon").trades).toBe(0);
    expect(row(stats.byHour, "15").trades).toBe(1);
    expect(stats.daily.map((d) => d.date)).toEqual(["2025-01-20"]);
  });

  it("splits New Year at New York midnight (05:00Z), also for the monthly P&L", () => {
    const stats = computeStats(
      [
        testTrade({ pnl: 3, openedAt: "2024-12-31T20:00:00Z", closedAt: "2025-01-01T04:59:59Z" }),
        testTrade({ pnl: 4, openedAt: "2024-12-31T20:00:00Z", closedAt: "2025-01-01T05:00:00Z" }),
      ],
      NY,
    );
    expect(stats.daily.map((d) => [d.date, plain(d.netPnlBase)])).toEqual([
      ["2024-12-31", "3"],
      ["2025-01-01", "4"],
    ]);
    expect(stats.monthly.map((d) => [d.date, plain(d.netPnlBase)])).toEqual([
      ["2024-12", "3"],
      ["2025-01", "4"],
    ]);
  });

  it("uses the zone it is given", () => {
    const trade = testTrade({ pnl: 1, openedAt: "2025-01-15T14:30:00Z", closedAt: "2025-01-15T23:30:00Z" });
    const tokyo = computeStats([trade], { timeZone: "Asia/Tokyo" });
    expect(tokyo.timeZone).toBe("Asia/Tokyo");
    expect(tokyo.byHour.find((h) => h.trades > 0)!.key).toBe("23");
    expect(tokyo.daily[0]!.date).toBe("2025-01-16");
  });
});
