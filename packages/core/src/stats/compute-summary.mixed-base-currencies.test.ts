import { describe, expect, it } from "vitest";
import { computeSummary } from "./compute-summary.ts";
import { plain, testTrade } from "./test-trade.ts";

const trades = [
  testTrade({ accountId: "U1", pnl: "100" }),
  testTrade({ accountId: "U2", pnl: "-30" }),
  testTrade({ accountId: "U3", pnl: "1000" }),
  testTrade({ accountId: "U4", pnl: "-500" }),
];

describe("computeSummary with several base currencies", () => {
  it("covers the accounts whose base is that of the first account in accountId order", () => {
    const accounts = [
      { accountId: "U3", baseCurrency: "EUR" },
      { accountId: "U2", baseCurrency: "USD" },
      { accountId: "U1", baseCurrency: "USD" },
      { accountId: "U4", baseCurrency: "GBP" },
    ];
    const { summary, issues } = computeSummary(trades, accounts);
    expect(summary.baseCurrency).toBe("USD");
    expect(summary.trades).toBe(2);
    expect(plain(summary.netPnlBase)).toBe("70");
    expect(plain(summary.maxDrawdownBase)).toBe("30");
    expect(issues).toHaveLength(1);
    expect(issues[0]!.code).toBe("mixed-base-currencies");
    expect(issues[0]!.path).toBe("summary");
    expect(issues[0]!.message).toContain("U3 (EUR)");
    expect(issues[0]!.message).toContain("U4 (GBP)");
    expect(issues[0]!.message).toContain("USD");
  });

  it("lets the first account with a known base decide; accounts without one are covered", () => {
    const accounts = [
      { accountId: "U1", baseCurrency: null },
      { accountId: "U2", baseCurrency: "EUR" },
      { accountId: "U3", baseCurrency: "USD" },
      { accountId: "U4", baseCurrency: "EUR" },
    ];
    const { summary, issues } = computeSummary(trades, accounts);
    expect(summary.baseCurrency).toBe("EUR");
    expect(plain(summary.netPnlBase)).toBe("-430"); // U1 100, U2 −30, U4 −500
    expect(issues[0]!.message).toContain("U3 (USD)");
    expect(issues[0]!.message).not.toContain("U1 (");
  });

  it("covers trades of accounts missing from the account list", () => {
    const { summary, issues } = computeSummary(trades, [{ accountId: "U1", baseCurrency: "USD" }]);
    expect(summary.trades).toBe(4);
    expect(issues).toEqual([]);
  });

  it("raises no issue when every account has the same base", () => {
    const accounts = ["U1", "U2", "U3", "U4"].map((accountId) => ({ accountId, baseCurrency: "CHF" }));
    const { summary, issues } = computeSummary(trades, accounts);
    expect(summary.baseCurrency).toBe("CHF");
    expect(summary.trades).toBe(4);
    expect(issues).toEqual([]);
  });

  it("reads an account listed twice by its known base (one statement without AccountInformation)", () => {
    const accounts = [
      { accountId: "U1", baseCurrency: null },
      { accountId: "U1", baseCurrency: "USD" },
      { accountId: "U2", baseCurrency: "USD" },
    ];
    const { summary, issues } = computeSummary(trades.slice(0, 2), accounts);
    expect(summary.baseCurrency).toBe("USD");
    expect(issues).toEqual([]);
  });
});
