// Rules 1 (which rows are executions, CASH, null markers, thousands separators) and 2 (duplicates).
import { describe, expect, it } from "vitest";
import { el, exact, expectTrade, flex, report, statement, trade, tradesFile } from "./contract-kit.ts";

const buy = (o: Record<string, string | undefined> = {}) =>
  trade({
    transactionID: "101",
    dateTime: "20250303;100000",
    quantity: "10",
    tradePrice: "50",
    ibCommission: "-1",
    openCloseIndicator: "O",
    ...o,
  });
const sell = (o: Record<string, string | undefined> = {}) =>
  trade({
    transactionID: "102",
    dateTime: "20250304;100000",
    quantity: "-10",
    tradePrice: "55",
    ibCommission: "-1",
    openCloseIndicator: "C",
    fifoPnlRealized: "48",
    ...o,
  });

describe("rule 1: executions", () => {
  it("Order, Lot, SymbolSummary, AssetSummary elements and Trade rows of other levels are ignored", async () => {
    const j = await report(
      tradesFile([
        el("Order", {
          accountId: "U1234567",
          currency: "USD",
          assetCategory: "STK",
          symbol: "AAPL",
          conid: "265598",
          dateTime: "20250303;100000",
          quantity: "10",
          tradePrice: "50",
          ibCommission: "-1",
          levelOfDetail: "ORDER",
          transactionID: "",
          buySell: "BUY",
          openCloseIndicator: "O",
        }),
        buy(),
        trade({
          transactionID: "201",
          dateTime: "20250303;110000",
          quantity: "5",
          tradePrice: "50",
          levelOfDetail: "ORDER",
        }),
        trade({
          transactionID: "202",
          dateTime: "20250303;110000",
          quantity: "5",
          tradePrice: "50",
          levelOfDetail: "CLOSED_LOT",
        }),
        el("SymbolSummary", {
          accountId: "U1234567",
          currency: "USD",
          assetCategory: "STK",
          symbol: "AAPL",
          conid: "265598",
          dateTime: "20250303;120000",
          quantity: "7",
          tradePrice: "50",
          ibCommission: "-1",
          levelOfDetail: "SYMBOL_SUMMARY",
          buySell: "BUY",
        }),
        el("AssetSummary", {
          accountId: "U1234567",
          currency: "USD",
          assetCategory: "STK",
          quantity: "7",
          tradePrice: "50",
          levelOfDetail: "ASSET_SUMMARY",
        }),
        sell(),
        el("Lot", {
          accountId: "U1234567",
          currency: "USD",
          assetCategory: "STK",
          symbol: "AAPL",
          conid: "265598",
          dateTime: "20250304;100000",
          quantity: "-10",
          tradePrice: "55",
          ibCommission: "0",
          levelOfDetail: "CLOSED_LOT",
          transactionID: "301",
          buySell: "SELL",
          openCloseIndicator: "C",
        }),
      ]),
    );
    expect(j.trades).toHaveLength(1);
    expectTrade(j.trades[0], { quantity: "10", realizedPnl: "48", fees: "-2", executionIds: ["101", "102"] });
    expect(j.openPositions).toEqual([]);
    expect(j.unmatched).toEqual([]);
  });

  it("a Trade row without levelOfDetail is an execution", async () => {
    const j = await report(
      tradesFile([buy({ levelOfDetail: undefined }), sell({ levelOfDetail: undefined })]),
    );
    expect(j.trades).toHaveLength(1);
    expectTrade(j.trades[0], { realizedPnl: "48" });
  });

  it("CASH rows (EUR.USD conversions, AutoFX AFx) take no part in trades, positions, unmatched or summary", async () => {
    const cash = (o: Record<string, string>) =>
      trade({
        assetCategory: "CASH",
        symbol: "EUR.USD",
        description: "EUR.USD",
        conid: "12087792",
        currency: "USD",
        tradePrice: "1.08",
        openCloseIndicator: "",
        ...o,
      });
    const j = await report(
      tradesFile(
        [
          cash({ transactionID: "1", dateTime: "20250301;100000", quantity: "10000" }),
          buy(),
          cash({ transactionID: "2", dateTime: "20250303;100001", quantity: "-463", notes: "AFx" }),
          sell(),
          cash({
            transactionID: "3",
            dateTime: "20250305;100000",
            quantity: "-5000",
            openCloseIndicator: "C",
          }),
        ],
        { openPositions: [] },
      ),
    );
    expect(j.trades).toHaveLength(1);
    expect(j.trades[0].symbol).toBe("AAPL");
    expect(j.openPositions).toEqual([]);
    expect(j.unmatched).toEqual([]);
    exact(j.summary.trades, "1");
  });

  it('empty, "--", "N/A" and "-" count as absent; numbers may carry thousands separators', async () => {
    // multiplier "--" → absent → SecuritiesInfo has none → 1; fxRateToBase "N/A" → 1; accountId "-" → the
    // statement's; tradePrice "1,234.50".
    const j = await report(
      tradesFile([
        trade({
          accountId: "-",
          transactionID: "11",
          dateTime: "20250303;100000",
          quantity: "1,000",
          tradePrice: "1,234.50",
          ibCommission: "-1",
          multiplier: "--",
          fxRateToBase: "N/A",
          openCloseIndicator: "O",
        }),
        trade({
          accountId: "",
          transactionID: "12",
          dateTime: "20250304;100000",
          quantity: "-1,000",
          tradePrice: "1,240.00",
          ibCommission: "-1",
          multiplier: "",
          fxRateToBase: "-",
          openCloseIndicator: "C",
          fifoPnlRealized: "5,498",
        }),
      ]),
    );
    expect(j.trades).toHaveLength(1);
    // −1,234,500 − 1 + 1,240,000 − 1 = 5498
    expectTrade(j.trades[0], {
      accountId: "U1234567",
      quantity: "1000",
      realizedPnl: "5498",
      realizedPnlBase: "5498",
      fees: "-2",
      returnPct: "0.445362",
      brokerPnl: "5498",
      status: "matches",
    });
    expect(j.issues).toEqual([]);
  });

  it('fifoPnlRealized "--" is absent → brokerPnl null, status unavailable', async () => {
    const j = await report(tradesFile([buy({ fifoPnlRealized: "--" }), sell({ fifoPnlRealized: "N/A" })]));
    expect(j.trades[0].reconciliation.brokerPnl).toBeNull();
    expect(j.trades[0].reconciliation.status).toBe("unavailable");
  });
});

describe("rule 2: duplicates", () => {
  it("the same statement twice in a file counts once", async () => {
    const st = statement({ trades: [buy(), sell()] });
    const j = await report(flex(st, st));
    expect(j.trades).toHaveLength(1);
    expectTrade(j.trades[0], { quantity: "10", realizedPnl: "48", executionIds: ["101", "102"] });
  });

  it("overlapping files count once", async () => {
    const a = tradesFile([buy()], { fromDate: "20250101", toDate: "20250303" });
    const b = tradesFile([buy(), sell()], { fromDate: "20250303", toDate: "20251231" });
    const j = await report(a, b);
    expect(j.trades).toHaveLength(1);
    expectTrade(j.trades[0], { quantity: "10", realizedPnl: "48", executionIds: ["101", "102"] });
    expect(j.openPositions).toEqual([]);
  });

  it("same transactionID with otherwise different attributes is one execution", async () => {
    // IB restates a row (e.g. a later reportDate); the transactionID decides.
    const j = await report(
      tradesFile([buy({ reportDate: "20250303" }), buy({ reportDate: "20250304" }), sell()]),
    );
    expect(j.trades).toHaveLength(1);
    expectTrade(j.trades[0], { quantity: "10", realizedPnl: "48" });
  });

  it("same transactionID in two accounts are two executions", async () => {
    const j = await report(
      flex(
        statement({
          accountId: "U1111111",
          trades: [buy({ accountId: "U1111111" }), sell({ accountId: "U1111111" })],
        }),
        statement({
          accountId: "U2222222",
          trades: [buy({ accountId: "U2222222" }), sell({ accountId: "U2222222" })],
        }),
      ),
    );
    expect(j.trades.map((t: { accountId: string }) => t.accountId)).toEqual(["U1111111", "U2222222"]);
  });

  it("without transactionID, one per ibExecID", async () => {
    const b = buy({ transactionID: undefined, tradeID: "5001", ibExecID: "0000e0d5.67a1b2c3.01.01" });
    const s = sell({ transactionID: undefined, tradeID: "5002", ibExecID: "0000e0d5.67a1b2c4.01.01" });
    const j = await report(tradesFile([b, b, s]), tradesFile([s]));
    expect(j.trades).toHaveLength(1);
    expectTrade(j.trades[0], {
      quantity: "10",
      realizedPnl: "48",
      executionIds: ["0000e0d5.67a1b2c3.01.01", "0000e0d5.67a1b2c4.01.01"],
    });
  });

  it("with neither id, one per identical set of attributes (and no executionIds)", async () => {
    const b = buy({ transactionID: undefined, tradeID: undefined, ibExecID: undefined });
    const s = sell({ transactionID: undefined, tradeID: undefined, ibExecID: undefined });
    const j = await report(tradesFile([b, s, b]), tradesFile([s]));
    expect(j.trades).toHaveLength(1);
    expectTrade(j.trades[0], { quantity: "10", realizedPnl: "48", executionIds: [] });
    expect(j.unmatched).toEqual([]);
  });

  it("a Lot row with the opening execution's transactionID, listed first, does not hide the execution", async () => {
    const lot = trade({
      transactionID: "101",
      dateTime: "20250303;100000",
      quantity: "10",
      tradePrice: "50",
      levelOfDetail: "CLOSED_LOT",
      openCloseIndicator: "",
    });
    const lotEl = el("Lot", {
      accountId: "U1234567",
      currency: "USD",
      assetCategory: "STK",
      symbol: "AAPL",
      conid: "265598",
      dateTime: "20250303;100000",
      quantity: "10",
      tradePrice: "50",
      levelOfDetail: "CLOSED_LOT",
      transactionID: "101",
    });
    const j = await report(tradesFile([lot, lotEl, sell(), buy()]));
    expect(j.trades).toHaveLength(1);
    expectTrade(j.trades[0], { quantity: "10", realizedPnl: "48", executionIds: ["101", "102"] });
  });
});
