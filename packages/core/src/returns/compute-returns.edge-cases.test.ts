// The contract's null and issue cases: no period, zero capital, reconciliation differs or unavailable.
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

const run = (body: string) => returnsToJson(computeReturns(parseFiles([accountStatement("U1", body)])));
const nav3 = navXml("U1", [
  ["20250102", "1000"],
  ["20250103", "1100"],
  ["20250106", "1210"],
]);

describe("returns edge cases", () => {
  it("fewer than two NAV days: listed with null figures and an issue no-nav-series", () => {
    const json = run(
      navXml("U1", [["20250102", "1000"]]) + changeInNavXml("U1", "20250102", "20250102", "1"),
    );
    expect(json.accounts[0]).toMatchObject({
      accountId: "U1",
      from: null,
      to: null,
      startingNav: null,
      deposits: null,
      twrPct: null,
      mwrPct: null,
      maxDrawdownPct: null,
      reconciliation: { brokerTwrPct: null, status: "unavailable" },
    });
    expect(json.issues.map((i) => i.code)).toEqual(["no-nav-series"]);
  });

  it("no NAV rows at all: the account is not listed", () => {
    expect(
      run(cashXml(cashRow({ type: "Dividends", reportDate: "20250103", amount: "1" }))).accounts,
    ).toEqual([]);
  });

  it("a day with no capital at its start counts as 0 and is named in one issue", () => {
    // r(01-03) = (0 − 0 − 0) / (0 + 0): no capital → 0, issue.
    // r(01-06) = (1010 − 0 − 1000) / (0 + 1000) = 0.01.  TWR = 1 × 1.01 − 1 = 1 %.
    const json = run(
      navXml("U1", [
        ["20250102", "0"],
        ["20250103", "0"],
        ["20250106", "1010"],
      ]) + cashXml(cashRow({ type: "Deposits", transactionID: "1", reportDate: "20250106", amount: "1000" })),
    );
    expect(json.accounts[0]?.twrPct).toBe("1");
    expect(json.accounts[0]?.deposits).toBe("1000");
    expect(json.issues.map((i) => [i.code, i.message.includes("2025-01-03")])).toEqual([
      ["zero-capital-day", true],
    ]);
  });

  it("reconciliation: matches within 0.001 points, differs beyond, over IB's own range", () => {
    // Over 01-03..01-06: 1.1 × 1.1 − 1 = 21 %; over 01-06 alone: 10 %.
    expect(
      run(nav3 + changeInNavXml("U1", "20250103", "20250106", "21.0009")).accounts[0]?.reconciliation,
    ).toEqual({
      brokerTwrPct: "21.0009",
      status: "matches",
      twrPct: "21",
      fromDate: "2025-01-03",
      toDate: "2025-01-06",
    });
    expect(
      run(nav3 + changeInNavXml("U1", "20250103", "20250106", "21.0011")).accounts[0]?.reconciliation.status,
    ).toBe("differs");
    expect(
      run(nav3 + changeInNavXml("U1", "20250106", "20250106", "10")).accounts[0]?.reconciliation,
    ).toMatchObject({
      status: "matches",
      twrPct: "10",
    });
  });

  it("reconciliation uses the ChangeInNAV row with the latest toDate", () => {
    const two = parseFiles(
      [
        accountStatement("U1", nav3 + changeInNavXml("U1", "20250103", "20250103", "99"), {
          toDate: "20250103",
        }),
      ],
      [accountStatement("U1", changeInNavXml("U1", "20250103", "20250106", "21"), { toDate: "20250106" })],
    );
    expect(returnsToJson(computeReturns(two)).accounts[0]?.reconciliation.status).toBe("matches");
  });

  it("reconciliation is unavailable without a ChangeInNAV row, without twr, or without a NAV day before fromDate", () => {
    const unavailable = { brokerTwrPct: null, status: "unavailable", twrPct: null };
    expect(run(nav3).accounts[0]?.reconciliation).toMatchObject(unavailable);
    expect(
      run(nav3 + changeInNavXml("U1", "20250103", "20250106", "")).accounts[0]?.reconciliation,
    ).toMatchObject(unavailable);
    expect(
      run(nav3 + changeInNavXml("U1", "20250102", "20250106", "21")).accounts[0]?.reconciliation,
    ).toMatchObject(unavailable);
    expect(run(nav3).accounts[0]?.twrPct).toBe("21");
  });

  it("a flow on a day without NAV row stays out of the daily returns, with an issue that says so", () => {
    const json = run(
      nav3 +
        cashXml(
          cashRow({ type: "Deposits/Withdrawals", transactionID: "1", reportDate: "20250104", amount: "50" }),
        ),
    );
    expect(json.accounts[0]).toMatchObject({ deposits: "50", twrPct: "21" });
    expect(json.issues.map((i) => i.code)).toEqual(["flow-outside-nav-days"]);
  });

  it("rounds percentages half-even to 9 places", () => {
    // A third of the NAV gained: 33.3333333333… % → "33.333333333"; 2/3 → "66.666666667".
    const third = run(
      navXml("U1", [
        ["20250102", "3"],
        ["20250103", "4"],
      ]),
    ).accounts[0];
    const twoThirds = run(
      navXml("U1", [
        ["20250102", "3"],
        ["20250103", "5"],
      ]),
    ).accounts[0];
    expect(third?.twrPct).toBe("33.333333333");
    expect(twoThirds?.twrPct).toBe("66.666666667");
    // Exact ties at the 10th place: 0.0000000005 % → "0" and 0.0000000015 % → "0.000000002" (to even).
    const tie = (end: string) =>
      run(
        navXml("U1", [
          ["20250102", "200"],
          ["20250103", end],
        ]),
      ).accounts[0]?.twrPct;
    expect(tie("200.000000001")).toBe("0");
    expect(tie("200.000000003")).toBe("0.000000002");
  });
});
