// Rule 8: money in the instrument currency, fxRateToBase per execution, commission currency conversion.
import { describe, expect, it } from "vitest";
import { el, expectTrade, flex, report, statement, trade, tradesFile } from "./contract-kit.ts";

const sap = (o: Record<string, string | undefined>) =>
  trade({
    symbol: "SAP",
    description: "SAP SE",
    conid: "14204",
    currency: "EUR",
    listingExchange: "IBIS",
    exchange: "IBIS",
    ibCommissionCurrency: "EUR",
    ...o,
  });

describe("rule 8: money", () => {
  it("realizedPnlBase uses each execution's own fxRateToBase", async () => {
    const j = await report(
      tradesFile([
        sap({
          transactionID: "1",
          dateTime: "20250303;040000",
          quantity: "10",
          tradePrice: "100",
          ibCommission: "-2",
          fxRateToBase: "1.1",
        }),
        sap({
          transactionID: "2",
          dateTime: "20250310;040000",
          quantity: "-10",
          tradePrice: "110",
          ibCommission: "-2",
          fxRateToBase: "1.2",
          fifoPnlRealized: "96",
        }),
      ]),
    );
    // −1002 × 1.1 + 1098 × 1.2 = −1102.2 + 1317.6 = 215.4
    expectTrade(j.trades[0], {
      currency: "EUR",
      realizedPnl: "96",
      fees: "-4",
      realizedPnlBase: "215.4",
      returnPct: "9.6",
      status: "matches",
    });
    expect(j.summary.baseCurrency).toBe("USD");
    expect(j.summary.netPnlBase).toBeDefined();
    expect(Number(j.summary.netPnlBase)).toBeCloseTo(215.4, 6);
  });

  it("commission in another currency, converted through ConversionRates", async () => {
    // USD stock, commission 2 EUR each; EUR→USD 1.1 on both days → −2.2 USD each.
    const j = await report(
      flex(
        statement({
          trades: [
            trade({
              transactionID: "1",
              dateTime: "20250303;100000",
              reportDate: "20250303",
              quantity: "10",
              tradePrice: "100",
              ibCommission: "-2",
              ibCommissionCurrency: "EUR",
            }),
            trade({
              transactionID: "2",
              dateTime: "20250304;100000",
              reportDate: "20250304",
              quantity: "-10",
              tradePrice: "110",
              ibCommission: "-2",
              ibCommissionCurrency: "EUR",
            }),
          ],
          conversionRates: [
            el("ConversionRate", {
              reportDate: "20250303",
              fromCurrency: "EUR",
              toCurrency: "USD",
              rate: "1.1",
            }),
            el("ConversionRate", {
              reportDate: "20250304",
              fromCurrency: "EUR",
              toCurrency: "USD",
              rate: "1.1",
            }),
          ],
        }),
      ),
    );
    // −1000 − 2.2 + 1100 − 2.2 = 95.6
    expectTrade(j.trades[0], {
      realizedPnl: "95.6",
      fees: "-4.4",
      realizedPnlBase: "95.6",
      returnPct: "9.56",
    });
    expect(j.issues.filter((i: { code: string }) => i.code === "commission-currency")).toEqual([]);
  });

  it("commission in another currency without ConversionRates: taken as is, issue commission-currency", async () => {
    const j = await report(
      tradesFile([
        trade({
          transactionID: "1",
          dateTime: "20250303;100000",
          quantity: "10",
          tradePrice: "100",
          ibCommission: "-2",
          ibCommissionCurrency: "EUR",
        }),
        trade({
          transactionID: "2",
          dateTime: "20250304;100000",
          quantity: "-10",
          tradePrice: "110",
          ibCommission: "-2",
          ibCommissionCurrency: "USD",
        }),
      ]),
    );
    expectTrade(j.trades[0], { realizedPnl: "96", fees: "-4" });
    const iss = j.issues.filter((i: { code: string }) => i.code === "commission-currency");
    expect(iss.length).toBeGreaterThanOrEqual(1);
    for (const i of iss) {
      expect(typeof i.path).toBe("string");
      expect(typeof i.message).toBe("string");
    }
  });

  it("returnPct uses only the executions that opened or added", async () => {
    const j = await report(
      tradesFile([
        trade({
          transactionID: "1",
          dateTime: "20250303;100000",
          quantity: "100",
          tradePrice: "10",
          ibCommission: "-1",
        }),
        trade({
          transactionID: "2",
          dateTime: "20250303;110000",
          quantity: "100",
          tradePrice: "12",
          ibCommission: "-1",
        }),
        trade({
          transactionID: "3",
          dateTime: "20250303;120000",
          quantity: "-150",
          tradePrice: "11",
          ibCommission: "-1",
        }),
        trade({
          transactionID: "4",
          dateTime: "20250303;130000",
          quantity: "-50",
          tradePrice: "13",
          ibCommission: "-1",
        }),
      ]),
    );
    // −1001 −1201 +1649 +649 = 96 ; opening value 1000 + 1200
    expectTrade(j.trades[0], { realizedPnl: "96", fees: "-4", returnPct: "4.363636" });
  });

  it("a short's returnPct divides by the short sale's value; fees are negative; commission 0 is fine", async () => {
    const j = await report(
      tradesFile([
        trade({
          transactionID: "1",
          dateTime: "20250303;100000",
          quantity: "-3",
          tradePrice: "33.333",
          ibCommission: "0",
        }),
        trade({
          transactionID: "2",
          dateTime: "20250303;110000",
          quantity: "3",
          tradePrice: "30",
          ibCommission: "-0.35",
        }),
      ]),
    );
    // 99.999 − 90 − 0.35 = 9.649 ; /99.999
    expectTrade(j.trades[0], { realizedPnl: "9.649", fees: "-0.35", returnPct: "9.649096" });
  });
});
