// The real statement that carries IB's own twr: our TWR must equal it (issue 16's acceptance check).
import { describe, expect, it } from "vitest";
import { parseFlex } from "../flex/parse-flex.ts";
import { Decimal } from "../money.ts";
import { readSample } from "../test-support/samples.ts";
import { computeReturns } from "./compute-returns.ts";
import { returnsToJson } from "./returns-json.ts";

describe("returns on portfolio-performance testIBFlexStatementFile17", () => {
  const json = returnsToJson(
    computeReturns(parseFlex(readSample("portfolio-performance_portfolio_testIBFlexStatementFile17.xml"))),
  );

  it("gives IB's twr (0.050688891 %) within 0.000001 percentage points", () => {
    const a = json.accounts[0];
    // (7678.155297533 − 7674.265297533) / 7674.265297533 = 0.000506888906… → 0.050688891 %
    expect(a).toMatchObject({
      accountId: "U1111111",
      baseCurrency: "USD",
      from: "2023-03-02",
      to: "2023-03-02",
      startingNav: "7674.265297533",
      endingNav: "7678.155297533",
      deposits: "0",
      withdrawals: "0",
      // Three market-data fees of −1.5; IB's ChangeInNAV shows otherFees −4.5 too.
      fees: "-4.5",
      reconciliation: { brokerTwrPct: "0.050688891", status: "matches" },
    });
    const ours = new Decimal(a?.twrPct ?? "NaN");
    expect(ours.minus("0.050688891").abs().lte("0.000001")).toBe(true);
    expect(json.issues).toEqual([]);
  });
});
