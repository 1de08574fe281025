import { describe, expect, it } from "vitest";
import { decimalString } from "../money.ts";
import { parseFlex } from "./parse-flex.ts";
import { element, tradesXml, tradeXml } from "./testing/build-flex-xml.ts";

describe("Trade rows: levels, conversions, cancels, signs", () => {
  it("keeps EXECUTION and level-less Trade rows only; Order/Lot/summaries are ignored", () => {
    const xml = tradesXml(
      tradeXml({ transactionID: "1" }),
      tradeXml({ transactionID: "2" }, ["levelOfDetail"]),
      tradeXml({ transactionID: "3", levelOfDetail: "" }),
      tradeXml({ transactionID: "4", levelOfDetail: "CLOSED_LOT" }),
      tradeXml({ transactionID: "5", levelOfDetail: "ORDER" }),
      element("Order", { symbol: "AAPL", conid: "265598", quantity: "100", levelOfDetail: "ORDER" }),
      element("Lot", { symbol: "AAPL", conid: "265598", quantity: "100", levelOfDetail: "CLOSED_LOT" }),
      element("SymbolSummary", { symbol: "AAPL", tradeDate: "MULTI", levelOfDetail: "SYMBOL_SUMMARY" }),
      element("AssetSummary", { assetCategory: "STK", buySell: "", levelOfDetail: "ASSET_SUMMARY" }),
    );
    const data = parseFlex(xml);
    expect(data.executions.map((e) => e.transactionId)).toEqual(["1", "2", "3"]);
    expect(data.issues).toEqual([]);
  });

  it("flags CASH rows (EUR.USD, AutoFX) as conversions but keeps them", () => {
    const data = parseFlex(
      tradesXml(
        tradeXml({
          assetCategory: "CASH",
          symbol: "EUR.USD",
          conid: "12087792",
          notes: "AFx",
          transactionID: "7",
        }),
        tradeXml({ transactionID: "8" }),
      ),
    );
    expect(data.executions.map((e) => [e.transactionId, e.isConversion])).toEqual([
      ["7", true],
      ["8", false],
    ]);
  });

  it("flags cancellations three ways and leaves a cancel's quantity as written", () => {
    const data = parseFlex(
      tradesXml(
        tradeXml({ transactionID: "1", transactionType: "TradeCancel", buySell: "SELL", quantity: "10" }),
        tradeXml({ transactionID: "2", notes: "P;Ca", buySell: "BUY", quantity: "-10" }),
        tradeXml({ transactionID: "3", buySell: "SELL (Ca.)", quantity: "1143.28313142", origTradeID: "77" }),
        tradeXml({ transactionID: "4", notes: "C;P" }),
      ),
    );
    expect(data.executions.map((e) => [e.transactionId, e.isCancel, decimalString(e.quantity)])).toEqual([
      ["1", true, "10"],
      ["2", true, "-10"],
      ["3", true, "1143.28313142"],
      ["4", false, "100"],
    ]);
    expect(data.executions[2]?.origTradeId).toBe("77");
    expect(data.executions[1]?.notes).toEqual(["P", "Ca"]);
  });

  it("signs an unsigned SELL quantity negative, leaves signed ones alone", () => {
    const data = parseFlex(
      tradesXml(
        tradeXml({ transactionID: "1", buySell: "SELL", quantity: "25" }),
        tradeXml({ transactionID: "2", buySell: "SELL", quantity: "-25" }),
        tradeXml({ transactionID: "3", buySell: "BUY", quantity: "0.5" }),
      ),
    );
    expect(data.executions.map((e) => decimalString(e.quantity))).toEqual(["-25", "-25", "0.5"]);
  });

  it("maps the money and id fields", () => {
    const [e] = parseFlex(
      tradesXml(
        tradeXml({
          multiplier: "100",
          tradePrice: "2.35",
          ibCommission: "-1.0525",
          ibCommissionCurrency: "EUR",
          fxRateToBase: "0.9245",
          fifoPnlRealized: "344.995717",
          openCloseIndicator: "C;O",
          tradeID: "555",
          origTradeID: "",
          exchange: "CBOE",
          notes: "P;",
        }),
      ),
    ).executions;
    expect(e).toMatchObject({
      accountId: "U1234567",
      symbol: "AAPL",
      conid: "265598",
      assetClass: "STK",
      currency: "USD",
      commissionCurrency: "EUR",
      transactionId: "1001",
      ibExecId: "0000e1.01.01",
      tradeId: "555",
      origTradeId: null,
      transactionType: "ExchTrade",
      buySell: "BUY",
      openCloseIndicator: "C;O",
      exchange: "CBOE",
      notes: ["P"],
      rawKey: "",
      fileOrder: 0,
    });
    expect(
      [e?.multiplier, e?.price, e?.commission, e?.fxRateToBase, e?.fifoPnlRealized].map(
        (d) => d && decimalString(d),
      ),
    ).toEqual(["100", "2.35", "-1.0525", "0.9245", "344.995717"]);
  });

  it("defaults: no multiplier → null, no commission → 0, no fifoPnlRealized/fxRateToBase → null", () => {
    const [e] = parseFlex(
      tradesXml(tradeXml({}, ["multiplier", "ibCommission", "fifoPnlRealized", "fxRateToBase"])),
    ).executions;
    expect(e?.multiplier).toBeNull();
    expect(e && decimalString(e.commission)).toBe("0");
    expect(e?.fifoPnlRealized).toBeNull();
    expect(e?.fxRateToBase).toBeNull();
  });

  it("a row without transactionID and ibExecID gets a canonical key of all its attributes", () => {
    const a = tradeXml({ transactionID: "", ibExecID: "N/A", symbol: "X" });
    const b = element("Trade", { ...Object.fromEntries([["symbol", "X"]]), transactionID: "" });
    const data = parseFlex(tradesXml(a, a));
    const [e1, e2] = data.executions;
    expect(e1?.rawKey).not.toBe("");
    expect(e1?.rawKey).toBe(e2?.rawKey);
    expect(e1?.rawKey).toContain("symbol=X");
    expect(parseFlex(tradesXml(b)).issues[0]?.code).toBe("missing-field");
  });
});
