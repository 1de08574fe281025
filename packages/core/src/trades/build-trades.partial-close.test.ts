import { describe, expect, it } from "vitest";
import { execution, flexData, str } from "../test-support/flex-data-builder.ts";
import { buildTrades } from "./index.ts";

describe("buildTrades: partial closes and adds", () => {
  it("one trade across two partial sells (flows −1001, +479, +659)", () => {
    const book = buildTrades(
      flexData({
        executions: [
          execution({ quantity: 100, price: 10, commission: -1, transactionId: "1" }),
          execution({ quantity: -40, price: 12, commission: -1, transactionId: "2" }),
          execution({ quantity: -60, price: 11, commission: -1, transactionId: "3" }),
        ],
      }),
    );
    expect(book.trades).toHaveLength(1);
    const t = book.trades[0]!;
    expect(str(t.realizedPnl)).toBe("137");
    expect(str(t.fees)).toBe("-3");
    expect(str(t.quantity)).toBe("100");
    expect(str(t.returnPct)).toBe("13.7");
    expect(t.executionIds).toEqual(["1", "2", "3"]);
    expect(t.legs.map((l) => l.opening)).toEqual([true, false, false]);
  });

  it("adds count in the return denominator; quantity is the largest position", () => {
    const book = buildTrades(
      flexData({
        executions: [
          execution({ quantity: 100, price: 10 }),
          execution({ quantity: 50, price: 12 }),
          execution({ quantity: -150, price: 11 }),
        ],
      }),
    );
    const t = book.trades[0]!;
    expect(str(t.realizedPnl)).toBe("50");
    expect(str(t.quantity)).toBe("150");
    expect(str(t.returnPct)).toBe("3.125"); // 50 / (1000 + 600)
  });

  it("a partly closed position stays open with its opening time", () => {
    const buy = execution({ quantity: 100, price: 10, time: "2025-02-03T15:00:00Z" });
    const sell = execution({ quantity: -40, price: 12, time: "2025-02-04T15:00:00Z" });
    const book = buildTrades(flexData({ executions: [buy, sell] }));
    expect(book.trades).toEqual([]);
    expect(book.openPositions).toHaveLength(1);
    expect(str(book.openPositions[0]!.quantity)).toBe("60");
    expect(book.openPositions[0]!.openedAt).toBe("2025-02-03T15:00:00Z");
  });
});
