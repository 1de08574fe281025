// Last corner cases: file order across files, summer booking time, "--" as an absent currency.
import { describe, expect, it } from "vitest";
import {
  checkQuery,
  el,
  expectTrade,
  flex,
  optionEae,
  report,
  statement,
  trade,
  tradesFile,
} from "./contract-kit.ts";

describe("adversarial 3", () => {
  it("same time, no ids, in two files: the command line's file order decides", async () => {
    const sell = trade({
      ibExecID: "",
      dateTime: "20250303;100000",
      quantity: "-10",
      tradePrice: "55",
      ibCommission: "0",
    });
    const buy = trade({
      ibExecID: "",
      dateTime: "20250303;100000",
      quantity: "10",
      tradePrice: "50",
      ibCommission: "0",
    });
    const j = await report(tradesFile([sell]), tradesFile([buy]));
    expectTrade(j.trades[0], { side: "short", realizedPnl: "50" });
  });

  it("OptionEAE booking time 16:20 New York in summer is 20:20Z", async () => {
    const j = await report(
      flex(
        statement({
          trades: [
            trade({
              assetCategory: "OPT",
              symbol: "AAPL  250718C00250000",
              conid: "700000009",
              multiplier: "100",
              expiry: "20250718",
              strike: "250",
              putCall: "C",
              transactionID: "1",
              dateTime: "20250701;100000",
              quantity: "-1",
              tradePrice: "1.20",
              ibCommission: "-1",
            }),
          ],
          optionEAE: [
            optionEae({
              symbol: "AAPL  250718C00250000",
              conid: "700000009",
              expiry: "20250718",
              strike: "250",
              date: "2025-07-18",
              quantity: "1",
            }),
          ],
        }),
      ),
    );
    expectTrade(j.trades[0], {
      side: "short",
      realizedPnl: "119",
      closedAt: "2025-07-18T20:20:00Z",
      executionIds: ["1"],
    });
  });

  it('AccountInformation currency "--" is absent: check-query lists it, report has baseCurrency null', async () => {
    const xml = flex(
      statement({
        baseCurrency: "--",
        trades: [trade({ transactionID: "1", dateTime: "20250303;100000", quantity: "10" })],
        openPositions: [],
      }),
    );
    const q = await checkQuery(xml);
    expect(q.missingFields).toEqual(["AccountInformation.currency"]);
    const j = await report(xml);
    expect(j.accounts).toEqual([{ accountId: "U1234567", baseCurrency: null }]);
  });

  it("ConversionRates dashed dates and thousands in rates are read", async () => {
    const j = await report(
      flex(
        statement({
          trades: [
            trade({
              transactionID: "1",
              dateTime: "2025-03-03;10:00:00",
              reportDate: "2025-03-03",
              quantity: "10",
              tradePrice: "50",
              ibCommission: "-100",
              ibCommissionCurrency: "JPY",
            }),
            trade({
              transactionID: "2",
              dateTime: "2025-03-04;10:00:00",
              reportDate: "2025-03-04",
              quantity: "-10",
              tradePrice: "55",
              ibCommission: "-1",
            }),
          ],
          conversionRates: [
            el("ConversionRate", {
              reportDate: "2025-03-03",
              fromCurrency: "JPY",
              toCurrency: "USD",
              rate: "0.0067",
            }),
          ],
        }),
      ),
    );
    // −100 JPY = −0.67 USD ; −500.67 + 549 = 48.33
    expectTrade(j.trades[0], { realizedPnl: "48.33", fees: "-1.67" });
  });
});
