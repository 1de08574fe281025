// Rule 9, cash-settled index options: the price-0 close ends the trade and the OptionEAE "Cash Settlement"
// row's cash belongs to it — from `proceeds`, else from IB's fifoPnlRealized, else the trade is unknown.
import { describe, expect, it } from "vitest";
import { buildReport } from "../build-report.ts";
import { parseFlex } from "../flex/parse-flex.ts";
import { element, flexXml, statementXml, tradeXml } from "../flex/testing/build-flex-xml.ts";
import { reportToJson } from "../report-json.ts";
import { readSample } from "../test-support/samples.ts";

const SPX_CALL = {
  assetCategory: "OPT",
  symbol: "SPX   250321C05800000",
  description: "SPX 21MAR25 5800 C",
  conid: "750000001",
  multiplier: "100",
  underlyingConid: "416904",
  underlyingSymbol: "SPX",
  exchange: "CBOE",
};
const XSP_PUT = {
  assetCategory: "OPT",
  symbol: "XSP   250620P00500000",
  description: "XSP 20JUN25 500 P",
  conid: "750000002",
  multiplier: "100",
  underlyingConid: "137851301",
  underlyingSymbol: "XSP",
  exchange: "CBOE",
};

function report(trades: string[], eae: Record<string, string>[]) {
  const rows = eae.map((r) => element("OptionEAE", { accountId: "U1234567", currency: "USD", ...r }));
  const body = `<Trades>\n${trades.join("\n")}\n</Trades>\n<OptionEAE>\n${rows.join("\n")}\n</OptionEAE>`;
  const data = parseFlex(flexXml(statementXml(body)));
  expect(data.issues).toEqual([]);
  return reportToJson(buildReport(data));
}

/** Sold 1 SPX 5800 call for 10.00; assigned with SPX at 5900: IB books −10,000 in cash. */
function shortSpxCallAssigned(closing: Record<string, string>, cash: Record<string, string>) {
  return report(
    [
      tradeXml({
        ...SPX_CALL,
        quantity: "-1",
        tradePrice: "10.00",
        ibCommission: "-1",
        buySell: "SELL",
        dateTime: "20250303;100000",
        tradeDate: "20250303",
        transactionID: "5001",
        tradeID: "6001",
        ibExecID: "e5001",
      }),
      tradeXml({
        ...SPX_CALL,
        quantity: "1",
        tradePrice: "0",
        ibCommission: "0",
        buySell: "BUY",
        openCloseIndicator: "C",
        notes: "A",
        transactionType: "BookTrade",
        dateTime: "20250321;162000",
        tradeDate: "20250321",
        transactionID: "5002",
        tradeID: "6002",
        ibExecID: "e5002",
        ...closing,
      }),
    ],
    [
      { ...SPX_CALL, date: "20250321", transactionType: "Assignment", quantity: "1" },
      { ...SPX_CALL, date: "20250321", transactionType: "Cash Settlement", quantity: "0", ...cash },
    ],
  );
}

describe("buildTrades: cash-settled index options (rule 9)", () => {
  it("a short SPX call assigned deep in the money is a loss: the Cash Settlement row's proceeds are paid", () => {
    const r = shortSpxCallAssigned({ fifoPnlRealized: "-9001" }, { proceeds: "-10000", fxRateToBase: "1" });
    expect(r.unmatched).toEqual([]);
    expect(r.trades).toHaveLength(1);
    const t = r.trades[0]!;
    expect(t).toMatchObject({
      side: "short",
      closedAt: "2025-03-21T20:20:00Z",
      realizedPnl: "-9001",
      realizedPnlBase: "-9001",
      // The cash is no commission, and adds nothing to the opening value (1,000).
      fees: "-1",
      returnPct: "-900.1",
      executionIds: ["5001", "5002"],
      reconciliation: { brokerPnl: "-9001", status: "matches", reason: null },
    });
    expect(r.summary).toMatchObject({ wins: "0", losses: "1", netPnlBase: "-9001" });
  });

  it("the cash converts at the Cash Settlement row's own fxRateToBase", () => {
    const r = shortSpxCallAssigned({ fifoPnlRealized: "-9001" }, { proceeds: "-10000", fxRateToBase: "0.9" });
    // 999 at the opening row's rate 1, −10,000 × 0.9.
    expect(r.trades[0]).toMatchObject({ realizedPnl: "-9001", realizedPnlBase: "-8001" });
  });

  it("never says assignment-premium-in-underlying when IB's figure differs", () => {
    const r = shortSpxCallAssigned({ fifoPnlRealized: "-8000" }, { proceeds: "-10000" });
    expect(r.trades[0]!.reconciliation.status).toBe("differs");
    expect(r.trades[0]!.reconciliation.reason).not.toBe("assignment-premium-in-underlying");
  });

  it("without proceeds the cash is IB's fifoPnlRealized on the close minus the premium's P&L", () => {
    const r = shortSpxCallAssigned({ fifoPnlRealized: "-9001" }, {});
    expect(r.trades[0]).toMatchObject({
      realizedPnl: "-9001",
      fees: "-1",
      returnPct: "-900.1",
      reconciliation: { brokerPnl: "-9001", status: "matches", reason: null },
    });
  });

  it("a long XSP put exercised in the money gains: cash from fifoPnlRealized, in base at the close's rate", () => {
    const r = report(
      [
        tradeXml({
          ...XSP_PUT,
          quantity: "2",
          tradePrice: "1.50",
          ibCommission: "-0.5",
          dateTime: "20250602;110000",
          tradeDate: "20250602",
          transactionID: "7001",
          tradeID: "8001",
          ibExecID: "e7001",
        }),
        // Settled at 494: (500 − 494) × 100 × 2 = 1,200 received; IB's P&L 1,200 − 300.5.
        tradeXml({
          ...XSP_PUT,
          quantity: "-2",
          tradePrice: "0",
          ibCommission: "0",
          buySell: "SELL",
          openCloseIndicator: "C",
          notes: "Ex",
          transactionType: "BookTrade",
          fxRateToBase: "0.9",
          fifoPnlRealized: "899.5",
          dateTime: "20250620;162000",
          tradeDate: "20250620",
          transactionID: "7002",
          tradeID: "8002",
          ibExecID: "e7002",
        }),
      ],
      [
        { ...XSP_PUT, date: "20250620", transactionType: "Exercise", quantity: "-2" },
        { ...XSP_PUT, date: "20250620", transactionType: "Cash Settlement", quantity: "0" },
      ],
    );
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0]).toMatchObject({
      side: "long",
      realizedPnl: "899.5",
      // −300.5 at rate 1, then 1,200 at the closing execution's 0.9.
      realizedPnlBase: "779.5",
      fees: "-0.5",
      returnPct: "299.833333",
      reconciliation: { brokerPnl: "899.5", status: "matches", reason: null },
    });
    expect(r.summary).toMatchObject({ wins: "1", losses: "0" });
  });

  it("with neither proceeds nor fifoPnlRealized the trade is unknown: its executions go to unmatched", () => {
    const r = shortSpxCallAssigned({}, {});
    // tradeXml's default fifoPnlRealized="0" on the opening row would make IB's P&L known; this one has none.
    const r2 = report(
      [
        tradeXml(
          {
            ...SPX_CALL,
            quantity: "-1",
            tradePrice: "10",
            buySell: "SELL",
            transactionID: "1",
            tradeID: "1",
          },
          ["fifoPnlRealized"],
        ),
        tradeXml(
          {
            ...SPX_CALL,
            quantity: "1",
            tradePrice: "0",
            ibCommission: "0",
            transactionType: "BookTrade",
            dateTime: "20250321;162000",
            tradeDate: "20250321",
            transactionID: "2",
            tradeID: "2",
          },
          ["fifoPnlRealized"],
        ),
      ],
      [{ ...SPX_CALL, date: "20250321", transactionType: "Cash Settlement", quantity: "0" }],
    );
    expect(r2.trades).toEqual([]);
    expect(r2.openPositions).toEqual([]);
    expect(r2.unmatched.map((u) => [u.executionId, u.quantity, u.reason])).toEqual([
      ["1", "-1", "cash-settlement-amount-missing"],
      ["2", "1", "cash-settlement-amount-missing"],
    ]);
    expect(r2.summary.trades).toBe("0");
    // With the opening row's fifoPnlRealized="0" and none on the close, IB's P&L is 0: the contract's
    // derivation then gives the trade a P&L of 0.
    expect(r.trades[0]).toMatchObject({ realizedPnl: "0", reconciliation: { status: "matches" } });
  });

  it("VIX in a real statement: no proceeds and no fifoPnlRealized, so both executions are unmatched", () => {
    const data = parseFlex(readSample("vroonhof_opensteuerauszug_options_future_2025.xml"));
    const r = reportToJson(buildReport(data));
    expect(r.trades.filter((t) => t.conid === "718479376")).toEqual([]);
    const vix = r.unmatched.filter((u) => u.conid === "718479376");
    expect(vix.map((u) => [u.quantity, u.reason])).toEqual([
      ["1", "cash-settlement-amount-missing"],
      ["-1", "cash-settlement-amount-missing"],
    ]);
    // The position is closed, not open.
    expect(r.openPositions.filter((p) => p.conid === "718479376")).toEqual([]);
  });
});
