// docs/metrics.md "Trailing returns" and "Costs": windows as of the last NAV day, null where the history does
// not reach a window's start; costs from trade legs in base currency, as a share of a positive gross P&L only.
import { describe, expect, it } from "vitest";
import { Decimal, ZERO } from "../money.ts";
import type { RoundTrip, TradeLeg } from "../report-types.ts";
import { accountStatement, navXml, parseFiles } from "../test-support/returns-xml.ts";
import { tradingCosts, unrealizedAndOther } from "./trading-costs.ts";
import { trailingReturns } from "./trailing-returns.ts";

describe("trailingReturns", () => {
  const data = parseFiles([
    accountStatement(
      "U1",
      navXml("U1", [
        ["20240102", "100"],
        ["20241231", "110"],
        ["20250131", "121"],
        ["20250203", "133.1"],
      ]),
    ),
  ]);

  it("chain-links each window from the NAV day before its start", () => {
    const r = trailingReturns(data, "U1");
    expect(r?.asOf).toBe("2025-02-03");
    expect(r?.mtdPct?.toString()).toBe("10"); // 121 → 133.1
    expect(r?.ytdPct?.toString()).toBe("21"); // 110 → 133.1
    // From 2024-02-04: opened by 2024-01-02's NAV of 100.
    expect(r?.oneYearPct?.toString()).toBe("33.1");
    expect(r?.allPct?.toString()).toBe("33.1");
  });

  it("is null for a window the history does not reach, and for an unknown account", () => {
    const short = parseFiles([
      accountStatement(
        "U1",
        navXml("U1", [
          ["20250131", "121"],
          ["20250203", "133.1"],
        ]),
      ),
    ]);
    const r = trailingReturns(short, "U1");
    expect(r?.mtdPct?.toString()).toBe("10");
    expect(r?.ytdPct).toBeNull();
    expect(r?.oneYearPct).toBeNull();
    expect(trailingReturns(short, "U9")).toBeNull();
  });
});

const leg = (commission: string, fx: string): TradeLeg => ({
  executionId: null,
  time: "2025-01-02T15:00:00Z",
  quantity: new Decimal(1),
  price: new Decimal(1),
  multiplier: new Decimal(1),
  commission: new Decimal(commission),
  cashFlow: ZERO,
  fxRateToBase: new Decimal(fx),
  opening: true,
  synthetic: null,
});
const trade = (pnlBase: string, legs: TradeLeg[]) =>
  ({ realizedPnlBase: new Decimal(pnlBase), legs }) as unknown as RoundTrip;

describe("tradingCosts", () => {
  const cash = {
    deposits: ZERO,
    withdrawals: ZERO,
    dividends: ZERO,
    withholdingTax: ZERO,
    interest: new Decimal(-6),
    fees: new Decimal(-3),
    commissionAdjustments: ZERO,
  };

  it("adds commissions in base currency and gives each cost as a share of the gross trading P&L", () => {
    // Net 90 after −10 of commissions (−2 USD, −5 EUR at 1.6): gross 100.
    const costs = tradingCosts([trade("50", [leg("-2", "1")]), trade("40", [leg("-5", "1.6")])], cash);
    expect(costs.commissions.toString()).toBe("-10");
    expect(costs.grossTradingPnl.toString()).toBe("100");
    expect(costs.commissionsPct?.toString()).toBe("10");
    expect(costs.feesPct?.toString()).toBe("3");
    expect(costs.interestPct?.toString()).toBe("6");
  });

  it("gives no share of a loss or of nothing", () => {
    expect(tradingCosts([trade("-50", [leg("-2", "1")])], cash).commissionsPct).toBeNull();
    expect(tradingCosts([], null)).toMatchObject({ commissionsPct: null, feesPct: null, interestPct: null });
  });

  it("leaves as unrealized and other what flows, cash rows and realized P&L do not explain", () => {
    const a = {
      startingNav: new Decimal(1000),
      endingNav: new Decimal(1300),
      cash: { ...cash, deposits: new Decimal(200) },
    };
    // 300 − 200 deposited − 9 of fees and interest − 50 realized = 59.
    expect(unrealizedAndOther(a, new Decimal(50))?.toString()).toBe("59");
    expect(unrealizedAndOther({ startingNav: null, endingNav: null, cash: null }, ZERO)).toBeNull();
  });
});
