import { describe, expect, it } from "vitest";
import { execution, flexData, optionEvent, str } from "../test-support/flex-data-builder.ts";
import { buildTrades } from "./index.ts";

const call = {
  conid: "700001",
  symbol: "AAPL  250117C00250000",
  assetClass: "OPT",
  multiplier: 100,
} as const;

describe("buildTrades: option expiring worthless (notes Ep)", () => {
  const expiryRow = execution({
    ...call,
    quantity: -2,
    price: 0,
    notes: ["Ep"],
    time: "2025-01-17T21:20:00Z",
    tradeDate: "2025-01-17",
    transactionId: "2",
  });
  const book = buildTrades(
    flexData({
      executions: [
        execution({
          ...call,
          quantity: 2,
          price: "1.50",
          commission: "-1.30",
          time: "2025-01-10T15:00:00Z",
          transactionId: "1",
        }),
        expiryRow,
      ],
      // IB also lists the expiry in OptionEAE; the booking row at price 0 already closes it (rule 9).
      optionEvents: [optionEvent({ ...call, type: "Expiration", date: "2025-01-17", quantity: -2 })],
    }),
  );

  it("is one losing trade closed by the price-0 row", () => {
    expect(book.trades).toHaveLength(1);
    const t = book.trades[0]!;
    expect(str(t.realizedPnl)).toBe("-301.3"); // −2 × 1.50 × 100 − 1.30
    expect(t.returnPct!.toDecimalPlaces(6).toFixed()).toBe("-100.433333"); // −301.3 / 300
    expect(t.closedAt).toBe("2025-01-17T21:20:00Z");
    expect(t.executionIds).toEqual(["1", "2"]);
    expect(t.legs.every((l) => l.synthetic === null)).toBe(true);
    expect(book.openPositions).toEqual([]);
  });
});
