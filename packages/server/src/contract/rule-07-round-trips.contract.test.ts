// Rule 7: round trips — flips split by quantity with pro-rata commission, quantity = largest |position|,
// partial closes, shorts, executionIds.
import { describe, expect, it } from "vitest";
import { expectTrade, report, trade, tradesFile } from "./contract-kit.ts";

describe("rule 7: round trips", () => {
  it('flip with openCloseIndicator "C;O": split by quantity, commission pro rata, fifoPnlRealized to the closed trade', async () => {
    const j = await report(
      tradesFile([
        trade({
          transactionID: "1",
          dateTime: "20250303;100000",
          quantity: "100",
          tradePrice: "10",
          ibCommission: "-1",
          openCloseIndicator: "O",
          fifoPnlRealized: "0",
        }),
        trade({
          transactionID: "2",
          dateTime: "20250304;100000",
          quantity: "-150",
          tradePrice: "12",
          ibCommission: "-3",
          openCloseIndicator: "C;O",
          fifoPnlRealized: "197",
        }),
        trade({
          transactionID: "3",
          dateTime: "20250305;100000",
          quantity: "50",
          tradePrice: "11",
          ibCommission: "-1",
          openCloseIndicator: "C",
          fifoPnlRealized: "48",
        }),
      ]),
    );
    expect(j.trades).toHaveLength(2);
    // long: −1001 + (1200 − 2) = 197 ; return 197 / 1000
    expectTrade(j.trades[0], {
      side: "long",
      quantity: "100",
      openedAt: "2025-03-03T15:00:00Z",
      closedAt: "2025-03-04T15:00:00Z",
      realizedPnl: "197",
      fees: "-3",
      realizedPnlBase: "197",
      returnPct: "19.7",
      executionIds: ["1", "2"],
      brokerPnl: "197",
      status: "matches",
    });
    // short: (600 − 1) + (−550 − 1) = 48 ; return 48 / 600
    expectTrade(j.trades[1], {
      side: "short",
      quantity: "50",
      openedAt: "2025-03-04T15:00:00Z",
      closedAt: "2025-03-05T15:00:00Z",
      realizedPnl: "48",
      fees: "-2",
      returnPct: "8",
      executionIds: ["2", "3"],
      brokerPnl: "48",
      status: "matches",
    });
    expect(j.openPositions).toEqual([]);
  });

  it("quantity is the largest absolute position; partial closes stay one trade", async () => {
    const j = await report(
      tradesFile([
        trade({
          transactionID: "1",
          dateTime: "20250303;100000",
          quantity: "100",
          tradePrice: "10",
          ibCommission: "0",
        }),
        trade({
          transactionID: "2",
          dateTime: "20250303;110000",
          quantity: "50",
          tradePrice: "12",
          ibCommission: "0",
        }),
        trade({
          transactionID: "3",
          dateTime: "20250303;120000",
          quantity: "-30",
          tradePrice: "13",
          ibCommission: "0",
        }),
        trade({
          transactionID: "4",
          dateTime: "20250303;130000",
          quantity: "20",
          tradePrice: "11",
          ibCommission: "0",
        }),
        trade({
          transactionID: "5",
          dateTime: "20250304;100000",
          quantity: "-140",
          tradePrice: "14",
          ibCommission: "-2",
        }),
      ]),
    );
    expect(j.trades).toHaveLength(1);
    // positions 100,150,120,140,0 → 150. cash: −1000 −600 +390 −220 +1960 −2 = 528 ; opening value 1000+600+220
    expectTrade(j.trades[0], {
      side: "long",
      quantity: "150",
      realizedPnl: "528",
      fees: "-2",
      returnPct: "29.010989",
      closedAt: "2025-03-04T15:00:00Z",
      executionIds: ["1", "2", "3", "4", "5"],
    });
  });

  it("short round trip", async () => {
    const j = await report(
      tradesFile([
        trade({
          transactionID: "1",
          dateTime: "20250303;100000",
          quantity: "-100",
          tradePrice: "50",
          ibCommission: "-1",
          openCloseIndicator: "O",
        }),
        trade({
          transactionID: "2",
          dateTime: "20250303;150000",
          quantity: "40",
          tradePrice: "45",
          ibCommission: "-1",
          openCloseIndicator: "C",
        }),
        trade({
          transactionID: "3",
          dateTime: "20250304;150000",
          quantity: "60",
          tradePrice: "52",
          ibCommission: "-1",
          openCloseIndicator: "C",
        }),
      ]),
    );
    // 5000 − 1 − 1800 − 1 − 3120 − 1 = 77 ; return 77/5000
    expectTrade(j.trades[0], {
      side: "short",
      quantity: "100",
      realizedPnl: "77",
      fees: "-3",
      returnPct: "1.54",
      executionIds: ["1", "2", "3"],
    });
  });

  it("flip without C;O marker and back again: three trades, the middle one from two split rows", async () => {
    const j = await report(
      tradesFile([
        trade({
          transactionID: "1",
          dateTime: "20250303;100000",
          quantity: "10",
          tradePrice: "10",
          ibCommission: "-1",
        }),
        trade({
          transactionID: "2",
          dateTime: "20250303;110000",
          quantity: "-30",
          tradePrice: "11",
          ibCommission: "-3",
        }),
        trade({
          transactionID: "3",
          dateTime: "20250303;120000",
          quantity: "40",
          tradePrice: "9",
          ibCommission: "-4",
        }),
        trade({
          transactionID: "4",
          dateTime: "20250303;130000",
          quantity: "-20",
          tradePrice: "10",
          ibCommission: "-2",
        }),
      ]),
    );
    expect(j.trades).toHaveLength(3);
    // long 10: −101 + (110 − 1) = 8
    expectTrade(j.trades[0], {
      side: "long",
      quantity: "10",
      realizedPnl: "8",
      fees: "-2",
      executionIds: ["1", "2"],
    });
    // short 20: (220 − 2) + (−180 − 2) = 36 ; return 36/220
    expectTrade(j.trades[1], {
      side: "short",
      quantity: "20",
      realizedPnl: "36",
      fees: "-4",
      returnPct: "16.363636",
      executionIds: ["2", "3"],
    });
    // long 20: (−180 − 2) + (200 − 2) = 16 ; return 16/180
    expectTrade(j.trades[2], {
      side: "long",
      quantity: "20",
      realizedPnl: "16",
      fees: "-4",
      returnPct: "8.888889",
      executionIds: ["3", "4"],
    });
  });

  it("symbol, conid, assetClass, currency come from the opening execution; executionIds fall back to ibExecID", async () => {
    const j = await report(
      tradesFile([
        trade({
          ibExecID: "0001f4e8.1",
          dateTime: "20250303;100000",
          quantity: "10",
          tradePrice: "10",
          ibCommission: "0",
          symbol: "FB",
        }),
        trade({
          ibExecID: "",
          transactionID: "",
          dateTime: "20250303;110000",
          quantity: "-4",
          tradePrice: "11",
          ibCommission: "0",
          symbol: "META",
        }),
        trade({
          transactionID: "77",
          ibExecID: "0001f4e8.3",
          dateTime: "20250303;120000",
          quantity: "-6",
          tradePrice: "11",
          ibCommission: "0",
          symbol: "META",
        }),
      ]),
    );
    expectTrade(j.trades[0], {
      symbol: "FB",
      conid: "265598",
      assetClass: "STK",
      currency: "USD",
      realizedPnl: "10",
      executionIds: ["0001f4e8.1", "77"],
    });
  });
});
