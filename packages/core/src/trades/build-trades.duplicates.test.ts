import { describe, expect, it } from "vitest";
import { execution, flexData, str } from "../test-support/flex-data-builder.ts";
import type { Execution } from "../types.ts";
import { buildTrades } from "./index.ts";

/** A second copy of the rows as another file would give them: same attributes, later file order. */
const again = (rows: readonly Execution[]) => rows.map((e) => ({ ...e, fileOrder: e.fileOrder + 10_000 }));

describe("buildTrades: duplicates count once (rule 2)", () => {
  const pair = (ids: Partial<Execution>) => [
    execution({
      ...ids,
      quantity: 100,
      price: 10,
      time: "2025-01-15T15:00:00Z",
      ...(ids.ibExecId ? { ibExecId: `${ids.ibExecId}a` } : {}),
    }),
    execution({
      ...ids,
      quantity: -100,
      price: 11,
      time: "2025-01-16T15:00:00Z",
      ...(ids.ibExecId ? { ibExecId: `${ids.ibExecId}b` } : {}),
    }),
  ];

  it("by transactionID", () => {
    const rows = pair({});
    const book = buildTrades(flexData({ executions: [...rows, ...again(rows)] }));
    expect(book.trades).toHaveLength(1);
    expect(str(book.trades[0]!.realizedPnl)).toBe("100");
  });

  it("by ibExecID when transactionID is absent", () => {
    const rows = pair({ transactionId: null, ibExecId: "0001f4e8" });
    const book = buildTrades(flexData({ executions: [...again(rows), ...rows] }));
    expect(book.trades).toHaveLength(1);
    expect(book.trades[0]!.executionIds).toEqual(["0001f4e8a", "0001f4e8b"]);
  });

  it("by the full attribute set when both are absent", () => {
    const rows = pair({ transactionId: null });
    const book = buildTrades(flexData({ executions: [...rows, ...again(rows)] }));
    expect(book.trades).toHaveLength(1);
    expect(book.trades[0]!.executionIds).toEqual([]);
  });

  it("keeps two rows with different transactionIDs even when everything else is equal", () => {
    const a = execution({ quantity: 100, price: 10, time: "2025-01-15T15:00:00Z", transactionId: "1" });
    const b = { ...a, transactionId: "2", fileOrder: a.fileOrder + 1 };
    const book = buildTrades(flexData({ executions: [a, b] }));
    expect(str(book.openPositions[0]!.quantity)).toBe("200");
  });

  it("tells ids apart as written: '0123' and '123' are two executions, '123' twice is one", () => {
    const a = execution({ quantity: 100, price: 10, time: "2025-01-15T15:00:00Z", transactionId: "123" });
    const b = { ...a, transactionId: "0123", fileOrder: a.fileOrder + 1 };
    const c = { ...a, transactionId: "A123", fileOrder: a.fileOrder + 2 };
    const repeat = { ...a, fileOrder: a.fileOrder + 3 };
    const longId = "12345678901234567890";
    const d = { ...a, transactionId: longId, fileOrder: a.fileOrder + 4 };
    const dAgain = { ...d, fileOrder: a.fileOrder + 5 };
    const book = buildTrades(flexData({ executions: [a, b, c, repeat, d, dAgain] }));
    expect(str(book.openPositions[0]!.quantity)).toBe("400");
  });

  it("keeps the earliest copy when the repeat comes first in the input, and counts only its cancellation", () => {
    // The copy with the lower file order wins wherever it stands; a cancel row repeated by a second file
    // still cancels once.
    const buy = execution({
      quantity: 100,
      price: 10,
      time: "2025-01-15T15:00:00Z",
      transactionId: "500",
      tradeId: "9",
    });
    const cancel = execution({
      quantity: -100,
      price: 10,
      time: "2025-01-15T15:00:00Z",
      transactionId: "501",
      origTradeId: "9",
      isCancel: true,
    });
    const book = buildTrades(flexData({ executions: [...again([buy, cancel]), buy, cancel] }));
    expect(book.openPositions).toEqual([]);
    expect(book.trades).toEqual([]);
    expect(book.issues).toEqual([]);
  });

  it("ignores currency conversions (rule 1)", () => {
    const fx = execution({
      symbol: "EUR.USD",
      conid: "12087792",
      assetClass: "CASH",
      isConversion: true,
      quantity: 1000,
      price: "1.08",
    });
    expect(buildTrades(flexData({ executions: [fx] }))).toEqual({
      trades: [],
      openPositions: [],
      unmatched: [],
      issues: [],
    });
  });
});
