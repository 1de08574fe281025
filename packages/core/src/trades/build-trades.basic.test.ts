import { describe, expect, it } from "vitest";
import { execution, flexData, str } from "../test-support/flex-data-builder.ts";
import { buildTrades } from "./index.ts";

describe("buildTrades: the contract's example round trip", () => {
  const book = buildTrades(
    flexData({
      executions: [
        execution({
          quantity: 100,
          price: "150.00",
          commission: -1,
          time: "2025-01-15T14:30:15Z",
          transactionId: "1001",
          fifoPnlRealized: 0,
        }),
        execution({
          quantity: -100,
          price: "152.50",
          commission: -1,
          time: "2025-01-16T15:02:00Z",
          transactionId: "1002",
          fifoPnlRealized: 248,
        }),
      ],
    }),
  );

  it("closes one long trade with exact money", () => {
    expect(book.trades).toHaveLength(1);
    const t = book.trades[0]!;
    expect(t.side).toBe("long");
    expect(t.openedAt).toBe("2025-01-15T14:30:15Z");
    expect(t.closedAt).toBe("2025-01-16T15:02:00Z");
    expect(str(t.quantity)).toBe("100");
    expect(str(t.realizedPnl)).toBe("248");
    expect(str(t.fees)).toBe("-2");
    expect(str(t.realizedPnlBase)).toBe("248");
    // 248 / 15000 × 100
    expect(t.returnPct!.toDecimalPlaces(6).toFixed()).toBe("1.653333");
    expect(t.executionIds).toEqual(["1001", "1002"]);
    expect(t.holdingSeconds).toBe(88305);
    expect(t.legs.map((l) => str(l.cashFlow))).toEqual(["-15001", "15249"]);
    expect(t.reconciliation).toEqual({
      brokerPnl: t.reconciliation.brokerPnl,
      status: "matches",
      reason: null,
    });
    expect(str(t.reconciliation.brokerPnl)).toBe("248");
  });

  it("leaves nothing open or unmatched", () => {
    expect(book.openPositions).toEqual([]);
    expect(book.unmatched).toEqual([]);
    expect(book.issues).toEqual([]);
  });
});
