// Rules 4 (account, instrument, multiplier) and 5 (processing order).
import { describe, expect, it } from "vitest";
import { el, expectTrade, flex, report, statement, trade, tradesFile } from "./contract-kit.ts";

const fut = (o: Record<string, string | undefined>) =>
  trade({
    assetCategory: "FUT",
    symbol: "ESH5",
    description: "ES 21MAR25",
    conid: "551601561",
    underlyingSymbol: "ES",
    expiry: "20250321",
    listingExchange: "CME",
    exchange: "CME",
    ibCommission: "-2.25",
    ...o,
  });

describe("rule 4: account, instrument, multiplier", () => {
  it("multiplier from the row", async () => {
    const j = await report(
      tradesFile([
        fut({
          transactionID: "1",
          dateTime: "20250303;100000",
          quantity: "2",
          tradePrice: "5800.25",
          multiplier: "50",
          openCloseIndicator: "O",
        }),
        fut({
          transactionID: "2",
          dateTime: "20250303;110000",
          quantity: "-2",
          tradePrice: "5810.50",
          multiplier: "50",
          openCloseIndicator: "C",
          fifoPnlRealized: "1020.5",
        }),
      ]),
    );
    // 2 × 10.25 × 50 = 1025 − 4.5 = 1020.5 ; denominator 2 × 5800.25 × 50 = 580025
    expectTrade(j.trades[0], {
      assetClass: "FUT",
      realizedPnl: "1020.5",
      fees: "-4.5",
      returnPct: "0.175940",
      status: "matches",
    });
  });

  it("multiplier from SecuritiesInfo when the row has none", async () => {
    const j = await report(
      flex(
        statement({
          trades: [
            fut({
              transactionID: "1",
              dateTime: "20250303;100000",
              quantity: "2",
              tradePrice: "5800.25",
              multiplier: undefined,
              openCloseIndicator: "O",
            }),
            fut({
              transactionID: "2",
              dateTime: "20250303;110000",
              quantity: "-2",
              tradePrice: "5810.50",
              multiplier: "",
              openCloseIndicator: "C",
            }),
          ],
          securitiesInfo: [
            el("SecurityInfo", {
              currency: "USD",
              assetCategory: "FUT",
              symbol: "ESH5",
              description: "ES 21MAR25",
              conid: "551601561",
              underlyingSymbol: "ES",
              multiplier: "50",
              expiry: "20250321",
            }),
          ],
        }),
      ),
    );
    expectTrade(j.trades[0], { realizedPnl: "1020.5", fees: "-4.5" });
  });

  it("multiplier 1 when neither has one", async () => {
    const j = await report(
      tradesFile([
        fut({
          transactionID: "1",
          dateTime: "20250303;100000",
          quantity: "2",
          tradePrice: "5800.25",
          multiplier: undefined,
          openCloseIndicator: "O",
        }),
        fut({
          transactionID: "2",
          dateTime: "20250303;110000",
          quantity: "-2",
          tradePrice: "5810.50",
          multiplier: "--",
          openCloseIndicator: "C",
        }),
      ]),
    );
    expectTrade(j.trades[0], { realizedPnl: "16", fees: "-4.5" });
  });

  it("without conid, the instrument is assetCategory+symbol+expiry+strike+putCall", async () => {
    const opt = (o: Record<string, string>) =>
      trade({
        assetCategory: "OPT",
        symbol: "SPY",
        conid: "",
        multiplier: "100",
        expiry: "20250321",
        putCall: "C",
        ibCommission: "0",
        ...o,
      });
    const j = await report(
      tradesFile([
        opt({
          transactionID: "1",
          dateTime: "20250303;100000",
          strike: "500",
          quantity: "1",
          tradePrice: "2",
        }),
        opt({
          transactionID: "2",
          dateTime: "20250303;100001",
          strike: "510",
          quantity: "1",
          tradePrice: "1",
        }),
        opt({
          transactionID: "3",
          dateTime: "20250303;110000",
          strike: "500",
          quantity: "-1",
          tradePrice: "3",
        }),
      ]),
    );
    expect(j.trades).toHaveLength(1);
    expectTrade(j.trades[0], { realizedPnl: "100", executionIds: ["1", "3"] });
    expect(j.openPositions).toHaveLength(1);
    expect(j.openPositions[0].quantity).toBe("1");
  });

  it("the same conid in two accounts is two instruments; the row's accountId wins over the statement's", async () => {
    const j = await report(
      tradesFile([
        trade({
          accountId: "U1234567",
          transactionID: "1",
          dateTime: "20250303;100000",
          quantity: "10",
          tradePrice: "50",
        }),
        trade({
          accountId: "U7654321",
          transactionID: "2",
          dateTime: "20250303;110000",
          quantity: "-10",
          tradePrice: "55",
        }),
      ]),
    );
    expect(j.trades).toEqual([]);
  });
});

describe("rule 5: order", () => {
  it('ties in time are ordered by transactionID as integers ("9" before "10")', async () => {
    // Same second: buy txn 9, sell txn 10 → long round trip (string order would make it short).
    const j = await report(
      tradesFile([
        trade({
          transactionID: "10",
          dateTime: "20250303;100000",
          quantity: "-10",
          tradePrice: "55",
          ibCommission: "0",
        }),
        trade({
          transactionID: "9",
          dateTime: "20250303;100000",
          quantity: "10",
          tradePrice: "50",
          ibCommission: "0",
        }),
      ]),
    );
    expect(j.trades).toHaveLength(1);
    expectTrade(j.trades[0], { side: "long", realizedPnl: "50", executionIds: ["9", "10"] });
  });

  it("ties in time without transactionID keep file order", async () => {
    const j = await report(
      tradesFile([
        trade({
          ibExecID: "b.1",
          dateTime: "20250303;100000",
          quantity: "-10",
          tradePrice: "55",
          ibCommission: "0",
        }),
        trade({
          ibExecID: "a.1",
          dateTime: "20250303;100000",
          quantity: "10",
          tradePrice: "50",
          ibCommission: "0",
        }),
      ]),
    );
    expectTrade(j.trades[0], { side: "short", realizedPnl: "50", executionIds: ["b.1", "a.1"] });
  });

  it("time beats file order and transactionID", async () => {
    const j = await report(
      tradesFile([
        trade({
          transactionID: "1",
          dateTime: "20250304;100000",
          quantity: "-10",
          tradePrice: "55",
          ibCommission: "0",
        }),
        trade({
          transactionID: "2",
          dateTime: "20250303;100000",
          quantity: "10",
          tradePrice: "50",
          ibCommission: "0",
        }),
      ]),
    );
    expectTrade(j.trades[0], { side: "long", openedAt: "2025-03-03T15:00:00Z", executionIds: ["2", "1"] });
  });
});
