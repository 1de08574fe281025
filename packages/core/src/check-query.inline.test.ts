import { describe, expect, it } from "vitest";
import { checkQuery } from "./check-query.ts";
import { parseFlex } from "./flex/parse-flex.ts";
import { element, flexXml, statementXml, tradeXml } from "./flex/testing/build-flex-xml.ts";

const ALL_SECTIONS =
  '<AccountInformation accountId="U1234567" currency="USD" /><CorporateActions /><SecuritiesInfo />' +
  "<TradeTransfers /><OpenPositions /><OptionEAE />";

const check = (...statements: string[]) => checkQuery(parseFlex(flexXml(...statements)));

describe("checkQuery on small statements", () => {
  it("a complete 365-day query with timed executions is ok without warnings", () => {
    const r = check(statementXml(`${ALL_SECTIONS}<Trades>${tradeXml()}</Trades>`));
    expect(r).toEqual({
      ok: true,
      missingSections: [],
      missingFields: [],
      // Recommended sections are listed but never make a query fail.
      missingRecommended: ["CashTransactions", "ChangeInNAV", "EquitySummaryInBase"],
      warnings: [],
    });
  });

  it("present-but-empty sections count as present", () => {
    expect(check(statementXml(`${ALL_SECTIONS}<Trades></Trades>`)).missingSections).toEqual([]);
  });

  it("executions without a time of day → Trades.dateTime", () => {
    const r = check(
      statementXml(`${ALL_SECTIONS}<Trades>${tradeXml({ tradeDate: "20250110" }, ["dateTime"])}</Trades>`),
    );
    expect(r.missingFields).toEqual(["Trades.dateTime"]);
    expect(r.ok).toBe(false);
  });

  it("AccountInformation without currency → AccountInformation.currency", () => {
    const r = check(
      statementXml(`${ALL_SECTIONS.replace('currency="USD"', "")}<Trades>${tradeXml()}</Trades>`),
    );
    expect(r.missingFields).toEqual(["AccountInformation.currency"]);
  });

  it.each([
    ["LastMonth", "20250101", "20250131", 'Period is "Last Month" (31 days)'],
    ["YearToDate", "20250101", "20250630", 'Period is "Year to Date" (181 days)'],
    ["", "20250101", "20250331", "Period is a custom date range (2025-01-01 to 2025-03-31, 90 days)"],
  ])("period %j from %s to %s warns", (period, fromDate, toDate, start) => {
    const r = check(
      statementXml(`${ALL_SECTIONS}<Trades>${tradeXml()}</Trades>`, { period, fromDate, toDate }),
    );
    expect(r.ok).toBe(true);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]?.startsWith(start)).toBe(true);
    expect(r.warnings[0]).toContain('"Last 365 Calendar Days"');
  });

  it("a custom range of 365 days or more does not warn; Last365CalendarDays never does", () => {
    expect(
      check(
        statementXml(`${ALL_SECTIONS}<Trades>${tradeXml()}</Trades>`, {
          period: "",
          fromDate: "20250101",
          toDate: "20251231",
        }),
      ).warnings,
    ).toEqual([]);
    expect(
      check(
        statementXml(`${ALL_SECTIONS}<Trades>${tradeXml()}</Trades>`, {
          fromDate: "20250601",
          toDate: "20250601",
        }),
      ).warnings,
    ).toEqual([]);
  });

  it("with several accounts, the warnings name the account", () => {
    const r = check(
      statementXml(`${ALL_SECTIONS}<Trades>${tradeXml()}</Trades>`, {
        accountId: "U1",
        period: "LastQuarter",
        fromDate: "20250401",
        toDate: "20250630",
      }),
      statementXml(`${ALL_SECTIONS}<Trades />`, { accountId: "U2" }),
    );
    expect(r.warnings[0]?.startsWith('Account U1: Period is "Last Quarter" (91 days)')).toBe(true);
  });

  it("no statement at all: every section missing", () => {
    const r = checkQuery(
      parseFlex(
        '<FlexQueryResponse queryName="x" type="AF"><FlexStatements count="0" /></FlexQueryResponse>',
      ),
    );
    expect(r.missingSections).toHaveLength(7);
    expect(r.ok).toBe(false);
  });

  it("warns about executions without fifoPnlRealized and about skipped rows", () => {
    const r = check(
      statementXml(
        `${ALL_SECTIONS}<Trades>${tradeXml({}, ["fifoPnlRealized"])}${element("Trade", { symbol: "X", quantity: "abc" })}</Trades>`,
      ),
    );
    expect(r.warnings.some((w) => w.includes("fifoPnlRealized"))).toBe(true);
    expect(r.warnings.some((w) => w.startsWith("1 row(s) could not be read"))).toBe(true);
  });
});
