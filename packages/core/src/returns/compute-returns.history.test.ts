// Several files are one history: overlapping statements, duplicated cash rows, several accounts.
import { describe, expect, it } from "vitest";
import { accountStatement, cashRow, cashXml, navXml, parseFiles } from "../test-support/returns-xml.ts";
import { computeReturns } from "./compute-returns.ts";
import { returnsToJson } from "./returns-json.ts";

const deposit = cashRow({
  type: "Deposits/Withdrawals",
  transactionID: "900",
  reportDate: "20250106",
  amount: "500",
});
// No transactionID: counted once per identical set of attributes.
const fee = cashRow({ type: "Other Fees", reportDate: "20250106", amount: "-2", description: "MARKET DATA" });

const early = accountStatement(
  "U1",
  navXml("U1", [
    ["20250102", "1000"],
    ["20250103", "1100"],
    // A preliminary figure that the later statement corrects.
    ["20250106", "1600"],
  ]) + cashXml(deposit, fee),
  { fromDate: "20250102", toDate: "20250106" },
);
const late = accountStatement(
  "U1",
  navXml("U1", [
    ["20250103", "1100"],
    ["20250106", "1650"],
    ["20250107", "1300"],
  ]) +
    cashXml(
      deposit,
      fee,
      cashRow({ type: "Deposits/Withdrawals", transactionID: "901", reportDate: "20250107", amount: "-400" }),
    ),
  { fromDate: "20250103", toDate: "20250107" },
);

describe("returns over several files", () => {
  it("counts each cash row once and takes a day's NAV from the statement with the latest toDate", () => {
    for (const files of [[[early], [late]], [[late], [early]], [[early, late]], [[late], [late], [early]]]) {
      const json = returnsToJson(computeReturns(parseFiles(...files)));
      expect(json.accounts).toHaveLength(1);
      // As in compute-returns.flows.test.ts: 1.1 × 50/1600 … = 17.975 % with the corrected 1650.
      expect(json.accounts[0]).toMatchObject({
        deposits: "500",
        withdrawals: "-400",
        fees: "-2",
        twrPct: "17.975",
      });
    }
  });

  it("on equal toDates, the later file's row wins", () => {
    const a = accountStatement(
      "U1",
      navXml("U1", [
        ["20250102", "100"],
        ["20250103", "110"],
      ]),
      { toDate: "20250103" },
    );
    const b = accountStatement(
      "U1",
      navXml("U1", [
        ["20250102", "100"],
        ["20250103", "120"],
      ]),
      { toDate: "20250103" },
    );
    expect(returnsToJson(computeReturns(parseFiles([a], [b]))).accounts[0]?.twrPct).toBe("20");
    expect(returnsToJson(computeReturns(parseFiles([b], [a]))).accounts[0]?.twrPct).toBe("10");
  });

  it("lists several accounts in accountId order, each in its own base currency", () => {
    const u2 = accountStatement(
      "U2",
      navXml("U2", [
        ["20250102", "200"],
        ["20250103", "150"],
      ]),
      {},
      "EUR",
    );
    const u1 = accountStatement(
      "U1",
      navXml("U1", [
        ["20250102", "100"],
        ["20250103", "101"],
      ]),
    );
    // An account with cash rows but no NAV rows is not listed.
    const u3 = accountStatement(
      "U3",
      cashXml(cashRow({ accountId: "U3", type: "Dividends", reportDate: "20250103", amount: "1" })),
    );
    const json = returnsToJson(computeReturns(parseFiles([u2, u3, u1])));
    expect(json.accounts.map((a) => [a.accountId, a.baseCurrency, a.twrPct])).toEqual([
      ["U1", "USD", "1"],
      ["U2", "EUR", "-25"],
    ]);
  });
});
