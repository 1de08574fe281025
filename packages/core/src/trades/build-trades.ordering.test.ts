import { describe, expect, it } from "vitest";
import { execution, flexData } from "../test-support/flex-data-builder.ts";
import { buildTrades } from "./index.ts";

describe("buildTrades: rule 5 ordering", () => {
  const at = "2025-03-03T15:00:00Z";

  it("breaks time ties by transactionID as an integer (999 before 1000), not by text or file order", () => {
    const book = buildTrades(
      flexData({
        executions: [
          execution({ quantity: -100, price: 11, time: at, transactionId: "1000" }),
          execution({ quantity: 100, price: 10, time: at, transactionId: "999" }),
        ],
      }),
    );
    expect(book.trades[0]!.side).toBe("long");
    expect(book.trades[0]!.executionIds).toEqual(["999", "1000"]);
  });

  it("puts rows without transactionID after those with one at the same second (ADR 0003)", () => {
    const book = buildTrades(
      flexData({
        executions: [
          execution({ quantity: -100, price: 11, time: at, transactionId: null, ibExecId: "e1" }),
          execution({ quantity: 100, price: 10, time: at, transactionId: "5" }),
        ],
      }),
    );
    expect(book.trades[0]!.side).toBe("long");
    expect(book.trades[0]!.executionIds).toEqual(["5", "e1"]);
  });

  it("returns trades by closedAt, then account, then symbol", () => {
    const book = buildTrades(
      flexData({
        executions: [
          execution({ conid: "2", symbol: "MSFT", quantity: 1, price: 1, time: "2025-03-03T15:00:00Z" }),
          execution({ conid: "1", symbol: "AAPL", quantity: 1, price: 1, time: "2025-03-03T15:00:00Z" }),
          execution({ conid: "2", symbol: "MSFT", quantity: -1, price: 1, time: "2025-03-04T15:00:00Z" }),
          execution({ conid: "1", symbol: "AAPL", quantity: -1, price: 1, time: "2025-03-04T15:00:00Z" }),
          execution({ conid: "3", symbol: "ZZZ", quantity: 1, price: 1, time: "2025-03-01T15:00:00Z" }),
          execution({ conid: "3", symbol: "ZZZ", quantity: -1, price: 1, time: "2025-03-02T15:00:00Z" }),
        ],
      }),
    );
    expect(book.trades.map((t) => t.symbol)).toEqual(["ZZZ", "AAPL", "MSFT"]);
  });
});
