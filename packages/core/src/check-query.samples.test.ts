import { describe, expect, it } from "vitest";
import { checkQuery, RECOMMENDED_SECTIONS, REQUIRED_SECTIONS, sectionLabel } from "./check-query.ts";
import { parseFlex } from "./flex/parse-flex.ts";
import { readSample, sampleNames } from "./test-support/samples.ts";

const check = (name: string) => checkQuery(parseFlex(readSample(name)));

describe("checkQuery on the real samples", () => {
  it("TestForCoding (one day, Trades and CashReport only) lacks most sections and the base currency", () => {
    const r = check("gabbersepp_ib-flex-reader_TestForCoding.xml");
    expect(r.ok).toBe(false);
    expect(r.missingSections).toEqual([
      "AccountInformation",
      "CorporateActions",
      "SecuritiesInfo",
      "TradeTransfers",
      "OpenPositions",
      "OptionEAE",
    ]);
    expect(r.missingFields).toEqual(["AccountInformation.currency"]);
    expect(r.warnings[0]).toBe(
      'Period is "Last Business Day" (1 day): set Period to "Last 365 Calendar Days" so closeout sees a full year of trades.',
    );
  });

  it("file 17 (nearly every section selected, one day, no trades) misses nothing but warns", () => {
    const r = check("portfolio-performance_portfolio_testIBFlexStatementFile17.xml");
    expect(r.missingSections).toEqual([]);
    expect(r.missingFields).toEqual([]);
    // It is the one sample with Cash Transactions, Change in NAV and NAV in Base all selected.
    expect(r.missingRecommended).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.warnings.some((w) => w.includes("custom date range") && w.includes("1 day"))).toBe(true);
    expect(r.warnings.some((w) => w.includes("no executions"))).toBe(true);
  });

  it("a trimmed query without dateTime and currency (options_future) lists both fields", () => {
    const r = check("vroonhof_opensteuerauszug_options_future_2025.xml");
    expect(r.missingFields).toEqual(["Trades.dateTime", "AccountInformation.currency"]);
    expect(r.missingSections).toEqual(["SecuritiesInfo", "TradeTransfers"]);
    // A full calendar year with a custom range is long enough.
    expect(r.warnings.some((w) => w.startsWith("Period"))).toBe(false);
  });

  it("Last365CalendarDays never warns about the period", () => {
    const r = check("portfolio-performance_portfolio_testIBFlexStatementFile19.xml");
    expect(r.warnings.some((w) => w.startsWith("Period"))).toBe(false);
  });

  it("a section missing from one of two statements counts as missing (file 26: Trades only in the first)", () => {
    const r = check("portfolio-performance_portfolio_testIBFlexStatementFile26.xml");
    expect(r.missingSections).toContain("Trades");
    expect(r.warnings.every((w) => w.startsWith("Account U123456") || !w.startsWith("Period"))).toBe(true);
  });

  it.each(sampleNames())("%s: result has the contract's shape", (name) => {
    const r = check(name);
    // The contract's four fields, plus the recommended sections (extra fields are allowed).
    expect(Object.keys(r).sort()).toEqual([
      "missingFields",
      "missingRecommended",
      "missingSections",
      "ok",
      "warnings",
    ]);
    expect(r.ok).toBe(r.missingSections.length === 0 && r.missingFields.length === 0);
    for (const s of r.missingSections) expect(REQUIRED_SECTIONS).toContain(s);
    for (const s of r.missingRecommended) expect(RECOMMENDED_SECTIONS.map((x) => x.element)).toContain(s);
  });
});

describe("sectionLabel", () => {
  it("uses the names of IB's Flex query screen", () => {
    expect(REQUIRED_SECTIONS.map(sectionLabel)).toEqual([
      "Account Information",
      "Corporate Actions",
      "Financial Instrument Information",
      "Incoming/Outgoing Trade Transfers",
      "Open Positions",
      "Option Exercises, Assignments and Expirations",
      "Trades",
    ]);
    expect(RECOMMENDED_SECTIONS.map((r) => sectionLabel(r.element))).toEqual([
      "Cash Transactions",
      "Change in NAV",
      "Net Asset Value (NAV) in Base",
    ]);
    expect(sectionLabel("SomethingNew")).toBe("SomethingNew");
  });
});
