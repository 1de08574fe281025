import { describe, expect, it } from "vitest";
import { Decimal } from "../money.ts";
import { execution, flexData, str } from "../test-support/flex-data-builder.ts";
import { buildTrades } from "./index.ts";

const sap = { conid: "14204", symbol: "SAP", currency: "EUR" } as const;
const day = "2025-01-15";
const rate = (fromCurrency: string, toCurrency: string, r: string) => ({
  reportDate: day,
  fromCurrency,
  toCurrency,
  rate: new Decimal(r),
});

describe("buildTrades: money in the instrument currency, base via fxRateToBase (rule 8)", () => {
  it("converts each cash flow at its own execution's rate", () => {
    const t = buildTrades(
      flexData({
        executions: [
          execution({ ...sap, quantity: 10, price: 200, commission: -1, fxRateToBase: "1.1" }),
          execution({ ...sap, quantity: -10, price: 210, commission: -1, fxRateToBase: "1.2" }),
        ],
      }),
    ).trades[0]!;
    expect(t.currency).toBe("EUR");
    expect(str(t.realizedPnl)).toBe("98"); // −2001 + 2099
    expect(str(t.realizedPnlBase)).toBe("317.7"); // −2001 × 1.1 + 2099 × 1.2
  });

  const withCommission = (commission: string, commissionCurrency: string) => [
    execution({ ...sap, quantity: 10, price: 200, commission, commissionCurrency, tradeDate: day }),
    execution({ ...sap, quantity: -10, price: 200, tradeDate: day }),
  ];

  it("converts a USD commission on a EUR trade through the inverse EUR→USD rate", () => {
    const book = buildTrades(
      flexData({ executions: withCommission("-1.10", "USD"), conversionRates: [rate("EUR", "USD", "1.1")] }),
    );
    expect(str(book.trades[0]!.fees)).toBe("-1");
    expect(book.issues).toEqual([]);
  });

  it("converts through a common base (CHF→USD and EUR→USD)", () => {
    const book = buildTrades(
      flexData({
        executions: withCommission("-2", "CHF"),
        conversionRates: [rate("CHF", "USD", "1.2"), rate("EUR", "USD", "0.8")],
      }),
    );
    expect(str(book.trades[0]!.fees)).toBe("-3"); // −2 × 1.2 / 0.8
  });

  it("takes the commission as is with an issue when no rate exists", () => {
    const book = buildTrades(flexData({ executions: withCommission("-1.10", "USD") }));
    expect(str(book.trades[0]!.fees)).toBe("-1.1");
    expect(book.issues.map((i) => i.code)).toEqual(["commission-currency"]);
  });
});
