// Contract "JSON" section and the worked example under it: every field present, numbers as strings,
// nulls where the contract shows them.
import { describe, expect, it } from "vitest";
import {
  exact,
  expectTrade,
  flex,
  money,
  openPosition,
  pct,
  report,
  statement,
  trade,
  tradesFile,
} from "./contract-kit.ts";

describe("contract JSON shape and worked example", () => {
  it("buy 100 @ 150 (−1), sell 100 @ 152.50 (−1): the example's numbers", async () => {
    const j = await report(
      tradesFile([
        trade({
          transactionID: "1001",
          dateTime: "20250115;093015",
          quantity: "100",
          tradePrice: "150.00",
          ibCommission: "-1",
          openCloseIndicator: "O",
        }),
        trade({
          transactionID: "1002",
          dateTime: "20250116;100200",
          quantity: "-100",
          tradePrice: "152.50",
          ibCommission: "-1",
          openCloseIndicator: "C",
          fifoPnlRealized: "248",
        }),
      ]),
    );
    expect(j.accounts).toEqual([{ accountId: "U1234567", baseCurrency: "USD" }]);
    expect(j.trades).toHaveLength(1);
    expectTrade(j.trades[0], {
      accountId: "U1234567",
      symbol: "AAPL",
      conid: "265598",
      assetClass: "STK",
      side: "long",
      openedAt: "2025-01-15T14:30:15Z",
      closedAt: "2025-01-16T15:02:00Z",
      quantity: "100",
      currency: "USD",
      realizedPnl: "248",
      fees: "-2",
      realizedPnlBase: "248",
      returnPct: "1.65333",
      executionIds: ["1001", "1002"],
      brokerPnl: "248",
      status: "matches",
    });
    expect(j.trades[0].reconciliation.reason).toBeNull();
    const s = j.summary;
    expect(s.baseCurrency).toBe("USD");
    exact(s.trades, "1");
    exact(s.wins, "1");
    exact(s.losses, "0");
    exact(s.scratches, "0");
    pct(s.winRate, "100");
    money(s.netPnlBase, "248");
    money(s.grossProfitBase, "248");
    money(s.grossLossBase, "0");
    expect(s.profitFactor).toBeNull();
    money(s.expectancyBase, "248");
    money(s.avgWinBase, "248");
    expect(s.avgLossBase).toBeNull();
    money(s.largestWinBase, "248");
    expect(s.largestLossBase).toBeNull();
    pct(s.avgReturnPct, "1.65333");
    money(s.maxDrawdownBase, "0");
    expect(j.openPositions).toEqual([]);
    expect(j.unmatched).toEqual([]);
    expect(j.issues).toEqual([]);
  });

  it("every field of every list is present, numbers are strings", async () => {
    const j = await report(
      flex(
        statement({
          trades: [
            // pre-window short cover → unmatched; then a round trip; then an open position
            trade({
              symbol: "TSLA",
              conid: "76792991",
              transactionID: "1003",
              dateTime: "20250110;100000",
              quantity: "20",
              tradePrice: "200",
              openCloseIndicator: "C",
            }),
            trade({
              transactionID: "1004",
              dateTime: "20250115;093015",
              quantity: "100",
              tradePrice: "150",
              openCloseIndicator: "O",
            }),
            trade({
              transactionID: "1005",
              dateTime: "20250116;100200",
              quantity: "-100",
              tradePrice: "140",
              openCloseIndicator: "C",
              fifoPnlRealized: "-1002",
            }),
            trade({
              symbol: "MSFT",
              conid: "272093",
              transactionID: "1006",
              dateTime: "20250117;100000",
              quantity: "50",
              tradePrice: "400",
              openCloseIndicator: "O",
            }),
          ],
          openPositions: [openPosition({ symbol: "MSFT", conid: "272093", position: "50" })],
        }),
      ),
    );
    for (const k of ["accounts", "trades", "openPositions", "unmatched", "summary", "issues"])
      expect(j).toHaveProperty(k);
    const t = j.trades[0];
    for (const k of [
      "accountId",
      "symbol",
      "conid",
      "assetClass",
      "side",
      "openedAt",
      "closedAt",
      "quantity",
      "currency",
      "realizedPnl",
      "fees",
      "realizedPnlBase",
      "returnPct",
      "executionIds",
      "reconciliation",
    ])
      expect(t).toHaveProperty(k);
    for (const k of ["quantity", "realizedPnl", "fees", "realizedPnlBase", "returnPct"])
      expect(typeof t[k]).toBe("string");
    for (const k of ["brokerPnl", "status", "reason"]) expect(t.reconciliation).toHaveProperty(k);
    expect(j.openPositions).toHaveLength(1);
    for (const k of ["accountId", "symbol", "conid", "quantity"])
      expect(j.openPositions[0]).toHaveProperty(k);
    expect(j.openPositions[0]).toMatchObject({
      accountId: "U1234567",
      symbol: "MSFT",
      conid: "272093",
      quantity: "50",
    });
    expect(j.unmatched).toHaveLength(1);
    expect(j.unmatched[0]).toMatchObject({
      accountId: "U1234567",
      symbol: "TSLA",
      conid: "76792991",
      quantity: "20",
      executionId: "1003",
      reason: "opened-before-window",
    });
    // One losing trade: −15001 + 13999 = −1002; all summary numbers strings or the contract's nulls.
    const s = j.summary;
    for (const k of [
      "baseCurrency",
      "trades",
      "wins",
      "losses",
      "scratches",
      "winRate",
      "netPnlBase",
      "grossProfitBase",
      "grossLossBase",
      "profitFactor",
      "expectancyBase",
      "avgWinBase",
      "avgLossBase",
      "largestWinBase",
      "largestLossBase",
      "avgReturnPct",
      "maxDrawdownBase",
    ])
      expect(s).toHaveProperty(k);
    exact(s.trades, "1");
    exact(s.losses, "1");
    pct(s.winRate, "0");
    money(s.netPnlBase, "-1002");
    money(s.grossProfitBase, "0");
    money(s.grossLossBase, "-1002");
    pct(s.profitFactor, "0");
    expect(s.avgWinBase).toBeNull();
    money(s.avgLossBase, "-1002");
    money(s.largestLossBase, "-1002");
    expect(s.largestWinBase).toBeNull();
    money(s.maxDrawdownBase, "1002");
    pct(s.avgReturnPct, "-6.68");
  });

  it("no trades at all: summary counts 0 and ratios null", async () => {
    const j = await report(tradesFile([]));
    expect(j.trades).toEqual([]);
    exact(j.summary.trades, "0");
    expect(j.summary.winRate).toBeNull();
    expect(j.summary.profitFactor).toBeNull();
    expect(j.summary.avgWinBase).toBeNull();
    expect(j.summary.avgLossBase).toBeNull();
    money(j.summary.maxDrawdownBase, "0");
  });
});
