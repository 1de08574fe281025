import { Decimal } from "@closeout/core";
import { describe, expect, it } from "vitest";
import { weeklyPnl, weeklyToJson } from "./weekly-pnl.ts";

const day = (date: string, pnl: string, trades = 1) => ({
  date,
  trades,
  wins: 0,
  losses: 0,
  scratches: 0,
  netPnlBase: new Decimal(pnl),
});

describe("weeklyPnl", () => {
  it("sums a month's days per Monday-to-Sunday row, splitting a week that crosses months", () => {
    // 2025-05-29 is a Thursday; 2025-06-01 a Sunday of the same week; 2025-06-02 the next Monday.
    const rows = weeklyToJson(
      weeklyPnl([
        day("2025-05-29", "10.10"),
        day("2025-05-30", "-0.05", 2),
        day("2025-06-01", "1"),
        day("2025-06-02", "0.1"),
        day("2025-06-08", "0.2"),
        day("2025-06-09", "-3"),
      ]),
    );
    expect(rows).toEqual([
      { month: "2025-05", weekStart: "2025-05-26", trades: "3", netPnlBase: "10.05" },
      { month: "2025-06", weekStart: "2025-05-26", trades: "1", netPnlBase: "1" },
      { month: "2025-06", weekStart: "2025-06-02", trades: "2", netPnlBase: "0.3" },
      { month: "2025-06", weekStart: "2025-06-09", trades: "1", netPnlBase: "-3" },
    ]);
  });
});
