import { describe, expect, it } from "vitest";
import {
  execution,
  flexData,
  openPositionRow,
  optionEvent,
  statement,
  str,
} from "../test-support/flex-data-builder.ts";
import { buildTrades } from "./index.ts";

const withPositions = statement({ sections: ["AccountInformation", "Trades", "OpenPositions"] });

describe("buildTrades: positions opened before the statement (rule 11)", () => {
  it("start = end position − net change; the part before 0 is unmatched, the rest opens a trade", () => {
    // End −20 after selling 100: 80 were held before the window.
    const book = buildTrades(
      flexData({
        statements: [withPositions],
        executions: [
          execution({ quantity: -100, price: 10, transactionId: "1", time: "2025-02-03T15:00:00Z" }),
        ],
        openPositions: [openPositionRow({ position: -20 })],
      }),
    );
    expect(book.unmatched).toMatchObject([
      { executionId: "1", reason: "opened-before-window", time: "2025-02-03T15:00:00Z" },
    ]);
    expect(str(book.unmatched[0]!.quantity)).toBe("-80");
    expect(book.trades).toEqual([]);
    expect(book.openPositions).toMatchObject([{ openedAt: "2025-02-03T15:00:00Z" }]);
    expect(str(book.openPositions[0]!.quantity)).toBe("-20");
  });

  it("the crossing part is a normal trade with its share of the commission", () => {
    const book = buildTrades(
      flexData({
        statements: [withPositions],
        executions: [
          execution({
            quantity: -100,
            price: 10,
            commission: -5,
            transactionId: "1",
            time: "2025-02-03T15:00:00Z",
          }),
          execution({
            quantity: 20,
            price: 9,
            commission: -1,
            transactionId: "2",
            time: "2025-02-04T15:00:00Z",
          }),
        ],
        openPositions: [],
      }),
    );
    const t = book.trades[0]!;
    expect(t.side).toBe("short");
    expect(str(t.realizedPnl)).toBe("18"); // (200 − 1) − 181
    expect(t.executionIds).toEqual(["1", "2"]);
  });

  it("lists a position no row touched, opened before the statement", () => {
    const book = buildTrades(
      flexData({
        statements: [withPositions],
        openPositions: [openPositionRow({ conid: "272093", symbol: "MSFT", position: 50 })],
      }),
    );
    expect(book.openPositions).toMatchObject([{ symbol: "MSFT", conid: "272093", openedAt: null }]);
    expect(str(book.openPositions[0]!.quantity)).toBe("50");
  });

  it("reads OpenPositions from the account's latest statement only", () => {
    const book = buildTrades(
      flexData({
        statements: [
          statement({ index: 0, toDate: "2025-06-30", sections: ["Trades", "OpenPositions"] }),
          statement({ index: 1, toDate: "2025-12-31", sections: ["Trades"] }),
        ],
        executions: [execution({ quantity: -10, price: 10, openCloseIndicator: "C" })],
        openPositions: [openPositionRow({ statementIndex: 0, position: 0 })],
      }),
    );
    expect(book.unmatched).toMatchObject([{ reason: "closing-without-open" }]);
  });

  it("a pre-window short option expiring through OptionEAE is unmatched without an execution id", () => {
    const call = {
      conid: "800001",
      symbol: "QQQ   250103C00520000",
      assetClass: "OPT",
      multiplier: 100,
    } as const;
    const book = buildTrades(
      flexData({
        statements: [withPositions],
        optionEvents: [optionEvent({ ...call, type: "Expiration", date: "2025-01-03", quantity: 6 })],
      }),
    );
    expect(book.unmatched).toMatchObject([
      { executionId: null, reason: "opened-before-window", time: "2025-01-03T21:20:00Z" },
    ]);
    expect(str(book.unmatched[0]!.quantity)).toBe("6");
    expect(book.openPositions).toEqual([]);
  });

  it("an in-window long option expiring through OptionEAE is a trade, not pre-window", () => {
    const call = {
      conid: "800002",
      symbol: "QQQ   250103C00530000",
      assetClass: "OPT",
      multiplier: 100,
    } as const;
    const book = buildTrades(
      flexData({
        statements: [withPositions],
        executions: [execution({ ...call, quantity: 1, price: 1, time: "2025-01-02T15:00:00Z" })],
        optionEvents: [optionEvent({ ...call, type: "Expiration", date: "2025-01-03", quantity: -1 })],
      }),
    );
    expect(book.unmatched).toEqual([]);
    expect(str(book.trades[0]!.realizedPnl)).toBe("-100");
  });
});

describe("buildTrades: without OpenPositions, a closing row at position 0", () => {
  it("goes to unmatched and leaves the position at 0; C;O still opens", () => {
    const book = buildTrades(
      flexData({
        executions: [
          execution({ quantity: -50, price: 10, openCloseIndicator: "C", transactionId: "1" }),
          execution({ quantity: -10, price: 10, openCloseIndicator: "C;O", transactionId: "2" }),
          execution({ quantity: 10, price: 9, openCloseIndicator: "C", transactionId: "3" }),
        ],
      }),
    );
    expect(book.unmatched).toMatchObject([{ executionId: "1", reason: "closing-without-open" }]);
    expect(str(book.unmatched[0]!.quantity)).toBe("-50");
    expect(book.trades).toHaveLength(1);
    expect(book.trades[0]!.executionIds).toEqual(["2", "3"]);
    expect(book.openPositions).toEqual([]);
  });
});
