// Rule 3: cancellations drop themselves and the execution whose tradeID equals their origTradeID.
import { describe, expect, it } from "vitest";
import { expectTrade, report, trade, tradesFile } from "./contract-kit.ts";

const open = trade({
  transactionID: "101",
  tradeID: "7001",
  dateTime: "20250303;100000",
  quantity: "10",
  tradePrice: "50",
  ibCommission: "-1",
  openCloseIndicator: "O",
});
const close = trade({
  transactionID: "103",
  tradeID: "7003",
  dateTime: "20250305;100000",
  quantity: "-10",
  tradePrice: "55",
  ibCommission: "-1",
  openCloseIndicator: "C",
  fifoPnlRealized: "48",
});

describe("rule 3: cancellations", () => {
  for (const [name, attrs] of [
    ["transactionType TradeCancel", { transactionType: "TradeCancel", buySell: "SELL" }],
    ["notes containing the code Ca", { notes: "O;Ca", buySell: "SELL" }],
    ['buySell ending in "(Ca.)"', { buySell: "SELL (Ca.)" }],
  ] as const) {
    it(`${name}: both rows dropped, the rebooked row is ordinary`, async () => {
      // Buy 10 @ 50 booked wrong (tradeID 7000), cancelled, rebooked at 50 with the same tradeID 7000.
      const wrong = trade({
        transactionID: "100",
        tradeID: "7000",
        dateTime: "20250303;093000",
        quantity: "10",
        tradePrice: "49",
        ibCommission: "-1",
        openCloseIndicator: "O",
      });
      const cancel = trade({
        transactionID: "104",
        tradeID: "7004",
        origTradeID: "7000",
        dateTime: "20250303;160000",
        quantity: "-10",
        tradePrice: "49",
        ibCommission: "1",
        openCloseIndicator: "",
        ...attrs,
      });
      const rebook = trade({
        transactionID: "105",
        tradeID: "7000",
        dateTime: "20250303;093000",
        quantity: "10",
        tradePrice: "50",
        ibCommission: "-1",
        openCloseIndicator: "O",
      });
      const j = await report(tradesFile([wrong, cancel, rebook, close]));
      expect(j.trades).toHaveLength(1);
      // rebook −501, close +549 → 48
      expectTrade(j.trades[0], {
        quantity: "10",
        realizedPnl: "48",
        fees: "-2",
        executionIds: ["105", "103"],
        openedAt: "2025-03-03T14:30:00Z",
      });
      expect(j.unmatched).toEqual([]);
      expect(j.openPositions).toEqual([]);
    });
  }

  it("several earlier executions with that tradeID: the one with opposite quantity of equal size", async () => {
    // Two earlier rows share tradeID 7000 (5 and 10); the cancel of −10 removes the 10, leaving 5 + 10 (open).
    const a = trade({
      transactionID: "100",
      tradeID: "7000",
      dateTime: "20250303;093000",
      quantity: "5",
      tradePrice: "50",
      ibCommission: "0",
      openCloseIndicator: "O",
    });
    const b = trade({
      transactionID: "99",
      tradeID: "7000",
      dateTime: "20250303;093001",
      quantity: "10",
      tradePrice: "50",
      ibCommission: "0",
      openCloseIndicator: "O",
    });
    const cancel = trade({
      transactionID: "104",
      tradeID: "7004",
      origTradeID: "7000",
      dateTime: "20250303;160000",
      quantity: "-10",
      tradePrice: "50",
      ibCommission: "0",
      buySell: "SELL (Ca.)",
    });
    const sell5 = trade({
      transactionID: "106",
      tradeID: "7006",
      dateTime: "20250305;100000",
      quantity: "-5",
      tradePrice: "52",
      ibCommission: "0",
      openCloseIndicator: "C",
    });
    const j = await report(tradesFile([a, b, cancel, sell5]));
    expect(j.trades).toHaveLength(1);
    expectTrade(j.trades[0], { quantity: "5", realizedPnl: "10", executionIds: ["100", "106"] });
  });

  it('equal candidates: the lowest transactionID as an integer ("9" before "10")', async () => {
    // Both rows buy 10 with tradeID 7000; they differ in price so we can see which one survived.
    const t10 = trade({
      transactionID: "10",
      tradeID: "7000",
      dateTime: "20250303;093000",
      quantity: "10",
      tradePrice: "50",
      ibCommission: "0",
      openCloseIndicator: "O",
    });
    const t9 = trade({
      transactionID: "9",
      tradeID: "7000",
      dateTime: "20250303;093000",
      quantity: "10",
      tradePrice: "40",
      ibCommission: "0",
      openCloseIndicator: "O",
    });
    const cancel = trade({
      transactionID: "20",
      tradeID: "7020",
      origTradeID: "7000",
      dateTime: "20250303;160000",
      quantity: "-10",
      tradePrice: "40",
      ibCommission: "0",
      transactionType: "TradeCancel",
    });
    const sell = trade({
      transactionID: "30",
      tradeID: "7030",
      dateTime: "20250305;100000",
      quantity: "-10",
      tradePrice: "55",
      ibCommission: "0",
      openCloseIndicator: "C",
    });
    const j = await report(tradesFile([t10, t9, cancel, sell]));
    expect(j.trades).toHaveLength(1);
    // "9" cancelled → the 50 buy remains: 550 − 500 = 50
    expectTrade(j.trades[0], { realizedPnl: "50", executionIds: ["10", "30"] });
  });

  it("a cancellation in another account cancels nothing there", async () => {
    const cancel = trade({
      accountId: "U7777777",
      transactionID: "104",
      tradeID: "7004",
      origTradeID: "7001",
      dateTime: "20250303;160000",
      quantity: "-10",
      tradePrice: "50",
      ibCommission: "0",
      transactionType: "TradeCancel",
    });
    const j = await report(tradesFile([open, cancel, close]));
    expect(j.trades.filter((t: { accountId: string }) => t.accountId === "U1234567")).toHaveLength(1);
    expectTrade(
      j.trades.find((t: { accountId: string }) => t.accountId === "U1234567"),
      { realizedPnl: "48" },
    );
  });
});
