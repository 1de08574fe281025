// docs/metrics.md's extra figures: money-weighted return, monthly/yearly returns, drawdown of the TWR index.
import { describe, expect, it } from "vitest";
import { Decimal } from "../money.ts";
import { accountStatement, cashRow, cashXml, navXml, parseFiles } from "../test-support/returns-xml.ts";
import { computeReturns } from "./compute-returns.ts";
import { moneyWeightedReturn } from "./money-weighted-return.ts";
import { returnsToJson } from "./returns-json.ts";

const d = (date: string, amount: string) => ({ date, amount: new Decimal(amount) });

describe("money-weighted return", () => {
  it("without flows equals the period's growth, and the IRR is its annual rate", () => {
    // 1000 → 1100 over 2 days: x² = 1.1; period 10 %; a year: 1.1^(365/2) − 1.
    const r = moneyWeightedReturn(d("2025-01-02", "1000"), [], d("2025-01-04", "1100"));
    expect(r?.mwrPct.toDecimalPlaces(20).toString()).toBe("10");
    expect(Number(r?.irrPct)).toBeCloseTo((1.1 ** (365 / 2) - 1) * 100, 3);
  });

  it("weights money by the time it was invested", () => {
    // 0 at d0, 1000 in at the start of the last day, 1010 at its end: 1 % over that day, x = 1.01 a day,
    // which compounds to 1.01² − 1 = 2.01 % over the two-day period.
    const r = moneyWeightedReturn(d("2025-01-02", "0"), [d("2025-01-04", "1000")], d("2025-01-04", "1010"));
    expect(r?.mwrPct.toDecimalPlaces(20).toString()).toBe("2.01");
  });

  it("solves a long history with a flow on most days", () => {
    const flows = [];
    for (let i = 1; i <= 700; i++) {
      const date = new Date(Date.UTC(2023, 0, 1 + i)).toISOString().slice(0, 10);
      flows.push(d(date, i % 3 === 0 ? "-50" : "100"));
    }
    const r = moneyWeightedReturn(d("2023-01-01", "10000"), flows, d("2024-12-31", "61000"));
    const x = (1 + Number(r?.irrPct) / 100) ** (1 / 365);
    const total = 730;
    let value = 61000 - 10000 * x ** total;
    for (let i = 1; i <= 700; i++) value -= (i % 3 === 0 ? -50 : 100) * x ** (total - (i - 1));
    expect(Math.abs(value)).toBeLessThan(1e-4);
  });

  it("is null when no rate solves it", () => {
    // Nothing invested and nothing out: every flow is 0.
    expect(moneyWeightedReturn(d("2025-01-02", "0"), [], d("2025-01-03", "0"))).toBeNull();
    // Money only ever comes out: no rate discounts it to 0.
    expect(moneyWeightedReturn(d("2025-01-02", "0"), [], d("2025-01-03", "5"))).toBeNull();
    // A total loss of everything: the factor would be 0.
    expect(moneyWeightedReturn(d("2025-01-02", "100"), [], d("2025-01-03", "0"))).toBeNull();
  });

  it("handles a withdrawal larger than what was first put in", () => {
    // 100 in, 150 out at the start of day 2 (after +100 % on day 1), 50 left → 50 at the end: x = 2 then 1.
    const r = moneyWeightedReturn(d("2025-01-01", "100"), [d("2025-01-03", "-150")], d("2025-01-03", "50"));
    // P(x) = 50 − 100x² + 150x = 0 → x = (150 + √(22500 + 20000)) / 200 = 1.780776…
    expect(Number(r?.mwrPct)).toBeCloseTo(((150 + Math.sqrt(42500)) / 200) ** 2 * 100 - 100, 9);
  });
});

describe("monthly and yearly returns, and the TWR drawdown", () => {
  // Daily returns: +10 % (12-31), −10 % (01-02), +5 % (01-03), −20 % (02-03).
  const json = returnsToJson(
    computeReturns(
      parseFiles([
        accountStatement(
          "U1",
          navXml("U1", [
            ["20241230", "1000"],
            ["20241231", "1100"],
            ["20250102", "990"],
            ["20250103", "1039.5"],
            ["20250203", "1231.6"],
          ]) +
            // 400 deposited on 02-03: (1231.6 − 1039.5 − 400) / (1039.5 + 400) = −207.9 / 1439.5 ≈ −14.44 %
            cashXml(cashRow({ type: "Deposits", transactionID: "1", reportDate: "20250203", amount: "400" })),
        ),
      ]),
    ),
  );
  const a = json.accounts[0];

  it("chain-links each calendar month and year on its own; the base of a month is the last NAV before it", () => {
    expect(a?.monthlyReturns.map((m) => [m.month, m.from, m.to, m.twrPct])).toEqual([
      ["2024-12", "2024-12-31", "2024-12-31", "10"],
      // 0.9 × 1.05 − 1
      ["2025-01", "2025-01-02", "2025-01-03", "-5.5"],
      [
        "2025-02",
        "2025-02-03",
        "2025-02-03",
        new Decimal(-207.9).div(1439.5).times(100).toDecimalPlaces(9).toFixed(),
      ],
    ]);
    expect(a?.yearlyReturns.map((y) => [y.year, y.twrPct])).toEqual([
      ["2024", "10"],
      [
        "2025",
        new Decimal(0.945)
          .times(new Decimal(1231.6).div(1439.5))
          .minus(1)
          .times(100)
          .toDecimalPlaces(9)
          .toFixed(),
      ],
    ]);
  });

  it("the drawdown is the largest fall of the index from its peak, with flows taken out", () => {
    // Index: 1, 1.1, 0.99, 1.0395, 1.0395 × 1231.6/1439.5; the peak stays 1.1 (12-31).
    const trough = new Decimal(1.0395).times(new Decimal(1231.6).div(1439.5));
    const expected = new Decimal(1.1).minus(trough).div(1.1).times(100).toDecimalPlaces(9).toFixed();
    expect([a?.maxDrawdownPct, a?.maxDrawdownPeak, a?.maxDrawdownTrough]).toEqual([
      expected,
      "2024-12-31",
      "2025-02-03",
    ]);
  });
});
