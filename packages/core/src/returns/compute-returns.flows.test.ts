// Deposits and withdrawals mid-period, income and costs, and a reversed dividend: figures worked by hand.
import { describe, expect, it } from "vitest";
import {
  accountStatement,
  cashRow,
  cashXml,
  changeInNavXml,
  navXml,
  parseFiles,
} from "../test-support/returns-xml.ts";
import { computeReturns } from "./compute-returns.ts";
import { returnsToJson } from "./returns-json.ts";

const deposit = (id: string, date: string, amount: string, extra = {}) =>
  cashRow({ type: "Deposits/Withdrawals", transactionID: id, reportDate: date, amount, ...extra });

const statement = accountStatement(
  "U1",
  navXml("U1", [
    ["20250102", "1000"],
    ["20250103", "1100"],
    ["20250106", "1650"],
    ["20250107", "1300"],
  ]) +
    cashXml(
      // On d0: before the period, so neither a flow of any day nor a deposit of the period.
      deposit("10", "20250102", "1000"),
      deposit("11", "20250106", "500"),
      deposit("12", "20250107", "-400"),
      cashRow({ type: "Dividends", transactionID: "20", reportDate: "20250103", amount: "10" }),
      // A dividend paid and reversed: two rows of opposite sign that simply add up.
      cashRow({ type: "Dividends", transactionID: "21", reportDate: "20250106", amount: "20" }),
      cashRow({ type: "Dividends", transactionID: "22", reportDate: "20250107", amount: "-20" }),
      cashRow({
        type: "Payment In Lieu Of Dividends",
        transactionID: "23",
        reportDate: "20250107",
        amount: "2.5",
      }),
      cashRow({ type: "Withholding Tax", transactionID: "30", reportDate: "20250103", amount: "-1.5" }),
      cashRow({
        type: "Broker Interest Paid",
        transactionID: "40",
        reportDate: "20250106",
        amount: "-3",
        currency: "EUR",
        fxRateToBase: "0.9",
      }),
      cashRow({
        type: "Broker Interest Received",
        transactionID: "41",
        reportDate: "20250106",
        amount: "1.25",
      }),
      cashRow({ type: "Other Fees", transactionID: "50", reportDate: "20250107", amount: "-4.5" }),
      cashRow({ type: "Advisor Fees", transactionID: "51", reportDate: "20250107", amount: "-1" }),
      cashRow({
        type: "Commission Adjustments",
        transactionID: "60",
        reportDate: "20250107",
        amount: "0.75",
      }),
      // A type no figure names.
      cashRow({ type: "Price Adjustments", transactionID: "70", reportDate: "20250107", amount: "99" }),
    ) +
    changeInNavXml("U1", "20250103", "20250107", "17.975"),
  { fromDate: "20250102", toDate: "20250107" },
);

describe("returns with flows mid-period", () => {
  const json = returnsToJson(computeReturns(parseFiles([statement])));
  const account = json.accounts[0];

  it("chain-links daily returns with each day's flows taken at its start", () => {
    // r(01-03) = (1100 − 1000 − 0) / (1000 + 0)   = 0.1
    // r(01-06) = (1650 − 1100 − 500) / (1100 + 500) = 50 / 1600 = 0.03125
    // r(01-07) = (1300 − 1650 + 400) / (1650 − 400) = 50 / 1250 = 0.04
    // TWR = 1.1 × 1.03125 × 1.04 − 1 = 0.17975 → 17.975 %
    expect(account).toMatchObject({
      accountId: "U1",
      baseCurrency: "USD",
      from: "2025-01-03",
      to: "2025-01-07",
      startingNav: "1000",
      endingNav: "1300",
      twrPct: "17.975",
      reconciliation: { brokerTwrPct: "17.975", status: "matches" },
    });
    expect(account?.navSeries.map((d) => [d.date, d.flow, d.dailyReturnPct])).toEqual([
      ["2025-01-02", "1000", null],
      ["2025-01-03", "0", "10"],
      ["2025-01-06", "500", "3.125"],
      ["2025-01-07", "-400", "4"],
    ]);
  });

  it("sums flows, income and costs over (d0, dn] in base currency, signs as IB writes them", () => {
    expect(account).toMatchObject({
      deposits: "500",
      withdrawals: "-400",
      // 10 + 20 − 20 (the reversal) + 2.5 in lieu
      dividends: "12.5",
      withholdingTax: "-1.5",
      // −3 EUR × 0.9 + 1.25
      interest: "-1.45",
      fees: "-5.5",
      commissionAdjustments: "0.75",
    });
    expect(json.issues).toEqual([]);
  });

  it("splits the TWR by calendar month and year, and finds no drawdown in a rising index", () => {
    expect(account?.monthlyReturns).toEqual([
      { month: "2025-01", from: "2025-01-03", to: "2025-01-07", twrPct: "17.975" },
    ]);
    expect(account?.yearlyReturns).toEqual([
      { year: "2025", from: "2025-01-03", to: "2025-01-07", twrPct: "17.975" },
    ]);
    expect(account?.maxDrawdownPct).toBe("0");
  });

  it("gives a money-weighted return whose rate discounts every flow to zero", () => {
    const irr = Number(account?.irrPct) / 100;
    const mwr = Number(account?.mwrPct) / 100;
    const x = (1 + irr) ** (1 / 365);
    // Money in at the start of its day (= the end of the day before), measured in days after d0 = 01-02.
    const value = 1300 - 1000 * x ** 5 - 500 * x ** (5 - 3) + 400 * x ** (5 - 4);
    expect(Math.abs(value)).toBeLessThan(1e-6);
    // Both are printed to 9 places of a percent.
    expect(mwr).toBeCloseTo(x ** 5 - 1, 10);
    // Money came in before the best days, so the money-weighted figure differs from the TWR.
    expect(account?.mwrPct).not.toBe(account?.twrPct);
  });

  it("restricts the period to a range: the NAV day before `from` opens it", () => {
    const ranged = returnsToJson(
      computeReturns(parseFiles([statement]), { from: "2025-01-06", to: "2025-01-06" }),
    );
    // r(01-06) alone: 3.125 %; the deposit of 01-06 is inside, the withdrawal of 01-07 is not.
    expect(ranged.accounts[0]).toMatchObject({
      from: "2025-01-06",
      to: "2025-01-06",
      startingNav: "1100",
      endingNav: "1650",
      deposits: "500",
      withdrawals: "0",
      twrPct: "3.125",
      // IB's range is checked against the whole series, whatever range was asked for.
      reconciliation: { status: "matches" },
    });
  });
});
