import { describe, expect, it } from "vitest";
import { execution, flexData, str } from "../test-support/flex-data-builder.ts";
import { buildTrades } from "./index.ts";

const put = { conid: "700003", symbol: "XYZ   250321P00050000", assetClass: "OPT", multiplier: 100 } as const;
const stock = { conid: "4000", symbol: "XYZ", assetClass: "STK" } as const;

describe("buildTrades: short put assigned", () => {
  const book = buildTrades(
    flexData({
      executions: [
        execution({
          ...put,
          quantity: -1,
          price: 2,
          commission: -1,
          time: "2025-03-03T15:00:00Z",
          fifoPnlRealized: 0,
        }),
        // Assignment: the option closes at 0, the stock is delivered at the strike.
        execution({
          ...put,
          quantity: 1,
          price: 0,
          notes: ["A"],
          time: "2025-03-21T21:20:00Z",
          tradeDate: "2025-03-21",
          fifoPnlRealized: 199,
        }),
        execution({
          ...stock,
          quantity: 100,
          price: 50,
          notes: ["A"],
          time: "2025-03-21T21:20:00Z",
          tradeDate: "2025-03-21",
          fifoPnlRealized: 0,
        }),
        // IB's FIFO counts the premium in the stock's cost basis: 5199 − (5000 − 200) = 399.
        execution({
          ...stock,
          quantity: -100,
          price: 52,
          commission: -1,
          time: "2025-03-25T15:00:00Z",
          fifoPnlRealized: 399,
        }),
      ],
    }),
  );

  it("keeps the premium as the option trade's P&L", () => {
    const option = book.trades.find((t) => t.assetClass === "OPT")!;
    expect(str(option.realizedPnl)).toBe("199");
    expect(str(option.returnPct)).toBe("99.5");
    expect(option.reconciliation.status).toBe("matches");
  });

  it("treats the delivered stock as an ordinary trade and explains IB's different figure", () => {
    const stk = book.trades.find((t) => t.assetClass === "STK")!;
    expect(str(stk.realizedPnl)).toBe("199"); // −5000 + 5199
    expect(str(stk.returnPct)).toBe("3.98");
    expect(stk.reconciliation).toMatchObject({
      status: "differs",
      reason: "assignment-premium-in-underlying",
    });
  });
});

describe("buildTrades: an assignment row written with a price still closes the option at 0 (rule 9)", () => {
  const book = buildTrades(
    flexData({
      executions: [
        execution({ ...put, quantity: -1, price: 2, time: "2025-03-03T15:00:00Z" }),
        execution({ ...put, quantity: 1, price: "0.5", notes: ["A"], time: "2025-03-21T21:20:00Z" }),
        // The delivered stock keeps its own price: only option rows are forced to 0.
        execution({ ...stock, quantity: 100, price: 50, notes: ["A"], time: "2025-03-21T21:20:00Z" }),
        execution({ ...stock, quantity: -100, price: 51, time: "2025-03-24T15:00:00Z" }),
      ],
    }),
  );

  it("keeps the whole premium as the option's P&L and the stock's own price", () => {
    const [option, shares] = book.trades;
    expect(str(option!.realizedPnl)).toBe("200");
    expect(str(shares!.realizedPnl)).toBe("100");
  });
});
