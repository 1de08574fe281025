// The optional account-performance sections: CashTransactions, EquitySummaryInBase, ChangeInNAV.
import { describe, expect, it } from "vitest";
import { decimalString } from "../money.ts";
import { cashRow, cashXml, navXml } from "../test-support/returns-xml.ts";
import { readSample } from "../test-support/samples.ts";
import { parseFlex } from "./parse-flex.ts";
import { element, flexXml, statementXml } from "./testing/build-flex-xml.ts";

describe("CashTransactions", () => {
  it("keeps DETAIL and level-less rows of real accounts; skips SUMMARY rows and accountId '-' copies", () => {
    const row = { type: "Dividends", amount: "12.72", reportDate: "20250822", dateTime: "20250821;202000" };
    const data = parseFlex(
      flexXml(
        statementXml(
          cashXml(
            cashRow({ ...row, transactionID: "1" }),
            cashRow({ ...row, transactionID: "", accountId: "-", levelOfDetail: "" }),
            cashRow({ ...row, transactionID: "", levelOfDetail: "SUMMARY" }),
            cashRow({ ...row, transactionID: "2", levelOfDetail: "" }),
          ),
          { accountId: "U1" },
        ),
      ),
    );
    expect(data.cashTransactions?.map((c) => c.transactionId)).toEqual(["1", "2"]);
    expect(data.statements[0]?.sections).toEqual(["CashTransactions"]);
  });

  it("dates a row by reportDate, else by dateTime's date; reads amount, fxRateToBase and ids", () => {
    const data = parseFlex(
      flexXml(
        statementXml(
          cashXml(
            cashRow({
              type: "Withholding Tax",
              amount: "-4.48",
              fxRateToBase: "0.91113",
              dateTime: "20240415 202000",
              reportDate: "20250131",
            }),
            cashRow({
              type: "Deposits/Withdrawals",
              amount: "1,000",
              dateTime: "20250102;101500",
              transactionID: "77",
            }),
          ),
          { accountId: "U1" },
        ),
      ),
    );
    const rows = data.cashTransactions ?? [];
    expect(
      rows.map((c) => [c.type, c.date, decimalString(c.amount), c.fxRateToBase?.toString() ?? null]),
    ).toEqual([
      ["Withholding Tax", "2025-01-31", "-4.48", "0.91113"],
      ["Deposits/Withdrawals", "2025-01-02", "1000", "1"],
    ]);
    expect(rows[0]?.transactionId).toBeNull();
    expect(rows[0]?.rawKey).toContain("amount=-4.48");
    expect(rows[1]?.rawKey).toBe("");
  });

  it("skips a row with an unreadable amount or no date, with an issue naming it", () => {
    const data = parseFlex(
      flexXml(
        statementXml(
          cashXml(
            cashRow({ type: "Dividends", amount: "abc", reportDate: "20250102" }),
            cashRow({ type: "Dividends", amount: "1" }),
            cashRow({ type: "Dividends", amount: "2", reportDate: "20250103" }),
          ),
        ),
      ),
    );
    expect(data.cashTransactions?.map((c) => decimalString(c.amount))).toEqual(["2"]);
    expect(data.issues.map((i) => [i.code, i.path])).toEqual([
      ["invalid-number", "FlexStatement[0].CashTransactions.CashTransaction[0].amount"],
      ["missing-field", "FlexStatement[0].CashTransactions.CashTransaction[1].dateTime"],
    ]);
  });
});

describe("Net Asset Value (NAV) in Base and Change in NAV", () => {
  it("reads EquitySummaryByReportDateInBase rows with their statement index", () => {
    const data = parseFlex(
      flexXml(
        statementXml(
          navXml("U1", [
            ["20250102", "1000"],
            ["20250103", "1,100.5"],
          ]),
          { accountId: "U1" },
        ),
        statementXml(navXml("-", [["20250103", "9"]]), { accountId: "U2" }),
      ),
    );
    expect(
      data.navRows?.map((n) => [n.accountId, n.reportDate, decimalString(n.total), n.statementIndex]),
    ).toEqual([
      ["U1", "2025-01-02", "1000", 0],
      ["U1", "2025-01-03", "1100.5", 0],
    ]);
  });

  it("reads ChangeInNAV's own attributes (no rows inside), and the same row nested in a wrapper", () => {
    const attrs = {
      accountId: "U1",
      fromDate: "20250102",
      toDate: "20250103",
      startingValue: "1000",
      endingValue: "1100",
      twr: "10",
    };
    const data = parseFlex(
      flexXml(
        statementXml(element("ChangeInNAV", attrs)),
        statementXml(`<ChangeInNAV>${element("ChangeInNAV", { ...attrs, twr: "" })}</ChangeInNAV>`),
      ),
    );
    expect(
      data.changesInNav?.map((c) => [c.fromDate, c.toDate, c.twrPct?.toString() ?? null, c.statementIndex]),
    ).toEqual([
      ["2025-01-02", "2025-01-03", "10", 0],
      ["2025-01-02", "2025-01-03", null, 1],
    ]);
    expect(data.statements[0]?.sections).toEqual(["ChangeInNAV"]);
    expect(data.issues).toEqual([]);
  });

  it("reads the real sample that carries all three sections", () => {
    const data = parseFlex(readSample("portfolio-performance_portfolio_testIBFlexStatementFile17.xml"));
    expect(data.navRows?.map((n) => [n.reportDate, decimalString(n.total)])).toEqual([
      ["2023-03-01", "7674.265297533"],
      ["2023-03-02", "7678.155297533"],
    ]);
    expect(data.changesInNav?.map((c) => [c.accountId, c.fromDate, c.toDate, c.twrPct?.toString()])).toEqual([
      ["U1111111", "2023-03-02", "2023-03-02", "0.050688891"],
    ]);
    expect(data.cashTransactions?.map((c) => [c.type, decimalString(c.amount), c.date])).toEqual([
      ["Other Fees", "-1.5", "2023-03-02"],
      ["Other Fees", "-1.5", "2023-03-02"],
      ["Other Fees", "-1.5", "2023-03-02"],
    ]);
    expect(data.issues).toEqual([]);
  });

  it("keeps only IB's DETAIL cash rows of the real samples (SUMMARY rows and '-' copies are skipped)", () => {
    // The sample lists each dividend once per account (DETAIL) and again as accountId "-" (SUMMARY).
    const data = parseFlex(readSample("vroonhof_opensteuerauszug_corporate_action_2025.xml"));
    expect(data.cashTransactions?.length).toBe(4);
    expect(new Set(data.cashTransactions?.map((c) => c.accountId))).toEqual(new Set(["U1234567"]));
  });
});
