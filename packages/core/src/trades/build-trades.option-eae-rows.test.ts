import { describe, expect, it } from "vitest";
import { execution, flexData, optionEvent, str } from "../test-support/flex-data-builder.ts";
import { buildTrades } from "./index.ts";

const put = { conid: "700002", symbol: "SPY   250718P00500000", assetClass: "OPT", multiplier: 100 } as const;

describe("buildTrades: OptionEAE rows add the closing execution themselves", () => {
  it("a short put expiring closes at 16:20 New York (20:20Z in July, DST) with no execution id", () => {
    const book = buildTrades(
      flexData({
        executions: [
          execution({
            ...put,
            quantity: -1,
            price: 2,
            commission: -1,
            transactionId: "7",
            time: "2025-07-01T14:00:00Z",
          }),
        ],
        optionEvents: [optionEvent({ ...put, type: "Expiration", date: "2025-07-18", quantity: 1 })],
      }),
    );
    const t = book.trades[0]!;
    expect(t.side).toBe("short");
    expect(t.closedAt).toBe("2025-07-18T20:20:00Z");
    expect(str(t.realizedPnl)).toBe("199");
    expect(str(t.returnPct)).toBe("99.5");
    expect(t.executionIds).toEqual(["7"]);
    expect(t.legs[1]!.synthetic).toBe("Expiration");
    expect(str(t.legs[1]!.quantity)).toBe("1");
  });

  it("uses 21:20Z in winter (EST)", () => {
    const book = buildTrades(
      flexData({
        executions: [execution({ ...put, quantity: 1, price: 1, time: "2025-01-02T15:00:00Z" })],
        optionEvents: [optionEvent({ ...put, type: "Expiration", date: "2025-01-17", quantity: -1 })],
      }),
    );
    expect(book.trades[0]!.closedAt).toBe("2025-01-17T21:20:00Z");
    expect(str(book.trades[0]!.realizedPnl)).toBe("-100");
  });

  it("closes by the row's absolute quantity, at most the position", () => {
    const partial = buildTrades(
      flexData({
        executions: [execution({ ...put, quantity: 3, price: 1, time: "2025-01-02T15:00:00Z" })],
        optionEvents: [optionEvent({ ...put, type: "Exercise", date: "2025-01-17", quantity: 2 })],
      }),
    );
    expect(partial.trades).toEqual([]);
    expect(str(partial.openPositions[0]!.quantity)).toBe("1");

    const capped = buildTrades(
      flexData({
        executions: [execution({ ...put, quantity: 1, price: 1, time: "2025-01-02T15:00:00Z" })],
        optionEvents: [optionEvent({ ...put, type: "Exercise", date: "2025-01-17", quantity: -5 })],
      }),
    );
    expect(capped.trades).toHaveLength(1);
    expect(str(capped.trades[0]!.legs[1]!.quantity)).toBe("-1");
    expect(capped.openPositions).toEqual([]);
    expect(capped.unmatched).toEqual([]);
  });

  it("is ordered by time with the executions: a later re-open starts a new trade", () => {
    const book = buildTrades(
      flexData({
        executions: [
          execution({ ...put, quantity: 1, price: 1, time: "2025-01-02T15:00:00Z" }),
          execution({ ...put, quantity: 1, price: 2, time: "2025-01-21T15:00:00Z" }),
        ],
        optionEvents: [optionEvent({ ...put, type: "Expiration", date: "2025-01-17", quantity: -1 })],
      }),
    );
    expect(book.trades).toHaveLength(1);
    expect(book.openPositions[0]!.openedAt).toBe("2025-01-21T15:00:00Z");
  });

  it("is skipped when the account has a price-0 execution of the conid that day, even without tradeID", () => {
    const book = buildTrades(
      flexData({
        executions: [
          execution({ ...put, quantity: 2, price: 1, time: "2025-01-02T15:00:00Z" }),
          execution({
            ...put,
            quantity: -1,
            price: 0,
            tradeDate: "2025-01-17",
            time: "2025-01-17T22:00:00Z",
          }),
        ],
        optionEvents: [optionEvent({ ...put, type: "Expiration", date: "2025-01-17", quantity: -2 })],
      }),
    );
    expect(book.trades).toEqual([]);
    expect(str(book.openPositions[0]!.quantity)).toBe("1");
  });
});
