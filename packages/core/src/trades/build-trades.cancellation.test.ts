import { describe, expect, it } from "vitest";
import { execution, flexData, str } from "../test-support/flex-data-builder.ts";
import { buildTrades } from "./index.ts";

describe("buildTrades: cancellations (rule 3)", () => {
  it("drops the cancelled row and the cancel; the rebooked row is ordinary", () => {
    const book = buildTrades(
      flexData({
        executions: [
          execution({
            quantity: 100,
            price: 10,
            tradeId: "T1",
            transactionId: "1",
            time: "2025-01-15T15:00:00Z",
          }),
          execution({
            quantity: -100,
            price: 10,
            isCancel: true,
            origTradeId: "T1",
            tradeId: "T9",
            transactionId: "2",
            time: "2025-01-15T16:00:00Z",
          }),
          execution({
            quantity: 100,
            price: "10.5",
            tradeId: "T1",
            transactionId: "3",
            time: "2025-01-15T16:00:00Z",
          }),
          execution({ quantity: -100, price: 11, transactionId: "4", time: "2025-01-16T15:00:00Z" }),
        ],
      }),
    );
    expect(book.trades).toHaveLength(1);
    expect(book.trades[0]!.executionIds).toEqual(["3", "4"]);
    expect(str(book.trades[0]!.realizedPnl)).toBe("50");
    expect(book.issues).toEqual([]);
  });

  it("among several, prefers the opposite quantity of equal size, then the lowest transactionID as integer", () => {
    const rows = [
      execution({ quantity: 50, price: 10, tradeId: "T1", transactionId: "4", time: "2025-01-15T15:00:00Z" }),
      execution({
        quantity: 100,
        price: 10,
        tradeId: "T1",
        transactionId: "100",
        time: "2025-01-15T15:00:00Z",
      }),
      execution({
        quantity: 100,
        price: 10,
        tradeId: "T1",
        transactionId: "99",
        time: "2025-01-15T15:00:00Z",
      }),
      execution({
        quantity: -100,
        price: 10,
        isCancel: true,
        origTradeId: "T1",
        transactionId: "101",
        time: "2025-01-15T17:00:00Z",
      }),
    ];
    const book = buildTrades(flexData({ executions: rows }));
    expect(str(book.openPositions[0]!.quantity)).toBe("150"); // 50 + 100 kept; "99" cancelled
  });

  it("does not cancel a later row of the same tradeID", () => {
    const book = buildTrades(
      flexData({
        executions: [
          execution({
            quantity: -100,
            price: 10,
            isCancel: true,
            origTradeId: "T1",
            time: "2025-01-15T15:00:00Z",
          }),
          execution({ quantity: 100, price: 10, tradeId: "T1", time: "2025-01-15T16:00:00Z" }),
        ],
      }),
    );
    expect(str(book.openPositions[0]!.quantity)).toBe("100");
    expect(book.issues.map((i) => i.code)).toEqual(["cancel-without-match"]);
  });

  it("drops an unmatched cancel row with an issue and keeps everything else", () => {
    const book = buildTrades(
      flexData({
        executions: [
          execution({ quantity: 100, price: 10, tradeId: "T1", time: "2025-01-15T15:00:00Z" }),
          execution({
            quantity: -100,
            price: 10,
            isCancel: true,
            origTradeId: "T404",
            time: "2025-01-15T16:00:00Z",
          }),
        ],
      }),
    );
    expect(book.trades).toEqual([]);
    expect(str(book.openPositions[0]!.quantity)).toBe("100");
    expect(book.unmatched).toEqual([]);
    expect(book.issues.map((i) => i.code)).toEqual(["cancel-without-match"]);
  });
});
