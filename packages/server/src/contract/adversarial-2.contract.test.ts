// More cross-rule corner cases.
import { describe, expect, it } from "vitest";
import {
  el,
  expectTrade,
  flex,
  openPosition,
  optionEae,
  report,
  statement,
  trade,
  tradesFile,
} from "./contract-kit.ts";

describe("adversarial 2", () => {
  it("identical attribute sets in a different attribute order are one execution", async () => {
    const a =
      '<Trade accountId="U1234567" currency="USD" assetCategory="STK" symbol="AAPL" conid="265598" dateTime="20250303;100000" quantity="10" tradePrice="50" ibCommission="-1" ibCommissionCurrency="USD" buySell="BUY" levelOfDetail="EXECUTION" />';
    const b =
      '<Trade levelOfDetail="EXECUTION" buySell="BUY" ibCommissionCurrency="USD" ibCommission="-1" tradePrice="50" quantity="10" dateTime="20250303;100000" conid="265598" symbol="AAPL" assetCategory="STK" currency="USD" accountId="U1234567" />';
    const s =
      '<Trade accountId="U1234567" currency="USD" assetCategory="STK" symbol="AAPL" conid="265598" dateTime="20250304;100000" quantity="-10" tradePrice="55" ibCommission="-1" ibCommissionCurrency="USD" buySell="SELL" levelOfDetail="EXECUTION" />';
    const j = await report(tradesFile([a, s]), tradesFile([b]));
    expect(j.trades).toHaveLength(1);
    expectTrade(j.trades[0], { realizedPnl: "48", executionIds: [] });
    expect(j.openPositions).toEqual([]);
  });

  it("a cancellation in a later file cancels the execution in an earlier file", async () => {
    const f1 = tradesFile(
      [
        trade({
          transactionID: "100",
          tradeID: "7000",
          dateTime: "20250303;093000",
          quantity: "10",
          tradePrice: "49",
          ibCommission: "0",
        }),
      ],
      { toDate: "20250303" },
    );
    const f2 = tradesFile(
      [
        trade({
          transactionID: "104",
          tradeID: "7004",
          origTradeID: "7000",
          dateTime: "20250304;080000",
          quantity: "-10",
          tradePrice: "49",
          ibCommission: "0",
          buySell: "SELL (Ca.)",
        }),
        trade({
          transactionID: "105",
          tradeID: "7000",
          dateTime: "20250303;093000",
          quantity: "10",
          tradePrice: "50",
          ibCommission: "0",
        }),
        trade({
          transactionID: "106",
          dateTime: "20250305;100000",
          quantity: "-10",
          tradePrice: "55",
          ibCommission: "0",
        }),
      ],
      { fromDate: "20250304" },
    );
    const j = await report(f1, f2);
    expect(j.trades).toHaveLength(1);
    expectTrade(j.trades[0], { realizedPnl: "50", executionIds: ["105", "106"] });
  });

  it("ibCommissionCurrency empty means the instrument currency: no issue", async () => {
    const j = await report(
      tradesFile([
        trade({
          transactionID: "1",
          dateTime: "20250303;100000",
          quantity: "10",
          tradePrice: "50",
          ibCommissionCurrency: "",
        }),
        trade({
          transactionID: "2",
          dateTime: "20250304;100000",
          quantity: "-10",
          tradePrice: "55",
          ibCommissionCurrency: "--",
        }),
      ]),
    );
    expectTrade(j.trades[0], { realizedPnl: "48", fees: "-2" });
    expect(j.issues).toEqual([]);
  });

  it("ConversionRates present but without the commission's currency: as is, with commission-currency", async () => {
    const j = await report(
      flex(
        statement({
          trades: [
            trade({
              transactionID: "1",
              dateTime: "20250303;100000",
              reportDate: "20250303",
              quantity: "10",
              tradePrice: "50",
              ibCommission: "-2",
              ibCommissionCurrency: "CHF",
            }),
            trade({
              transactionID: "2",
              dateTime: "20250304;100000",
              reportDate: "20250304",
              quantity: "-10",
              tradePrice: "55",
              ibCommission: "-1",
            }),
          ],
          conversionRates: [
            el("ConversionRate", {
              reportDate: "20250303",
              fromCurrency: "GBP",
              toCurrency: "USD",
              rate: "1.25",
            }),
          ],
        }),
      ),
    );
    expectTrade(j.trades[0], { realizedPnl: "47", fees: "-3" });
    expect(j.issues.some((i: { code: string }) => i.code === "commission-currency")).toBe(true);
  });

  it("a zero-price execution of ANOTHER option on the same date does not suppress the OptionEAE close", async () => {
    const opt = (conid: string, o: Record<string, string | undefined>) =>
      trade({
        assetCategory: "OPT",
        symbol: `OPT${conid}`,
        conid,
        multiplier: "100",
        expiry: "20250221",
        strike: "200",
        putCall: "C",
        ibCommission: "0",
        ...o,
      });
    const j = await report(
      flex(
        statement({
          trades: [
            opt("801", { transactionID: "1", dateTime: "20250203;100000", quantity: "1", tradePrice: "1" }),
            opt("802", { transactionID: "2", dateTime: "20250203;100000", quantity: "1", tradePrice: "1" }),
            opt("802", {
              transactionID: "3",
              dateTime: "20250221;162000",
              quantity: "-1",
              tradePrice: "0",
              notes: "Ep",
            }),
          ],
          optionEAE: [
            optionEae({ symbol: "OPT801", conid: "801", quantity: "-1" }),
            optionEae({ symbol: "OPT802", conid: "802", quantity: "-1" }),
          ],
        }),
      ),
    );
    expect(j.trades).toHaveLength(2);
    expect(j.openPositions).toEqual([]);
    expect(j.unmatched).toEqual([]);
    const t801 = j.trades.find((t: { conid: string }) => t.conid === "801");
    expectTrade(t801, { realizedPnl: "-100", closedAt: "2025-02-21T21:20:00Z", executionIds: ["1"] });
  });

  it("start positions are per account: one account with OpenPositions, one without", async () => {
    const j = await report(
      flex(
        statement({
          accountId: "U1111111",
          trades: [
            trade({
              accountId: "U1111111",
              transactionID: "1",
              dateTime: "20250303;100000",
              quantity: "-10",
              tradePrice: "12",
              openCloseIndicator: "",
            }),
          ],
          openPositions: [],
        }),
        statement({
          accountId: "U2222222",
          trades: [
            trade({
              accountId: "U2222222",
              transactionID: "2",
              dateTime: "20250303;100000",
              quantity: "-10",
              tradePrice: "12",
              openCloseIndicator: "",
            }),
          ],
        }),
      ),
    );
    // U1: end 0 → start 10 → unmatched −10. U2: no OpenPositions, not C → opens a short of −10.
    expect(j.unmatched).toHaveLength(1);
    expect(j.unmatched[0]).toMatchObject({
      accountId: "U1111111",
      quantity: "-10",
      reason: "opened-before-window",
    });
    expect(j.openPositions).toHaveLength(1);
    expect(j.openPositions[0]).toMatchObject({ accountId: "U2222222", quantity: "-10" });
  });

  it("an instrument without conid has conid null in the output", async () => {
    const j = await report(
      tradesFile([
        trade({
          conid: "",
          transactionID: "1",
          dateTime: "20250303;100000",
          quantity: "10",
          tradePrice: "50",
        }),
        trade({
          conid: "--",
          transactionID: "2",
          dateTime: "20250304;100000",
          quantity: "-10",
          tradePrice: "55",
        }),
      ]),
    );
    expect(j.trades).toHaveLength(1);
    expect(j.trades[0].conid).toBeNull();
  });

  it("OpenPositions start applies to options too, with the option's multiplier", async () => {
    const opt = (o: Record<string, string | undefined>) =>
      trade({
        assetCategory: "OPT",
        symbol: "SPY   250321C00600000",
        conid: "900",
        multiplier: "100",
        expiry: "20250321",
        strike: "600",
        putCall: "C",
        ibCommission: "-0.65",
        ...o,
      });
    const j = await report(
      flex(
        statement({
          trades: [
            opt({
              transactionID: "1",
              dateTime: "20250303;100000",
              quantity: "-2",
              tradePrice: "3",
              openCloseIndicator: "C",
            }),
            opt({
              transactionID: "2",
              dateTime: "20250304;100000",
              quantity: "-1",
              tradePrice: "2.5",
              openCloseIndicator: "O",
            }),
            opt({
              transactionID: "3",
              dateTime: "20250305;100000",
              quantity: "1",
              tradePrice: "2",
              openCloseIndicator: "C",
            }),
          ],
          openPositions: [
            openPosition({
              assetCategory: "OPT",
              symbol: "SPY   250321C00600000",
              conid: "900",
              multiplier: "100",
              position: "0",
            }),
          ],
        }),
      ),
    );
    expect(j.unmatched).toHaveLength(1);
    expect(j.unmatched[0]).toMatchObject({ quantity: "-2", executionId: "1" });
    // 250 − 0.65 − 200 − 0.65 = 48.7 ; return 48.7/250
    expectTrade(j.trades[0], {
      side: "short",
      quantity: "1",
      realizedPnl: "48.7",
      fees: "-1.3",
      returnPct: "19.48",
    });
  });
});
