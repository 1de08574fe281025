// `closeout returns` end to end in-process (files on disk, no database): the acceptance check on IB's twr,
// several files as one history, the human table, unusable input; and check-query's recommended sections.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Decimal } from "@closeout/core";
import { afterAll, describe, expect, it } from "vitest";
import { captureIo } from "./cli-io.ts";
import { runCli } from "./run-cli.ts";

const SAMPLE17 = fileURLToPath(
  new URL(
    "../../../../../shared/flex-samples/portfolio-performance_portfolio_testIBFlexStatementFile17.xml",
    import.meta.url,
  ),
);

const dir = mkdtempSync(join(tmpdir(), "closeout-returns-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function run(...args: string[]) {
  const io = captureIo();
  const code = await runCli(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

const nav = (date: string, total: string) =>
  `<EquitySummaryByReportDateInBase accountId="U1" reportDate="${date}" total="${total}" />`;
const deposit = (id: string, date: string, amount: string) =>
  `<CashTransaction accountId="U1" currency="USD" fxRateToBase="1" type="Deposits/Withdrawals" amount="${amount}" reportDate="${date}" transactionID="${id}" levelOfDetail="DETAIL" />`;

const statement = (from: string, to: string, body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<FlexQueryResponse queryName="closeout" type="AF"><FlexStatements count="1">
<FlexStatement accountId="U1" fromDate="${from}" toDate="${to}" period="" whenGenerated="20260101;010203">
<AccountInformation accountId="U1" currency="USD" />
${body}
</FlexStatement></FlexStatements></FlexQueryResponse>`;

describe("closeout returns", () => {
  it("gives IB's twr on the real sample that carries it, within 0.000001 percentage points", async () => {
    const { code, stdout, stderr } = await run("returns", SAMPLE17, "--json");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.accounts).toHaveLength(1);
    const a = json.accounts[0];
    expect(a.accountId).toBe("U1111111");
    expect(a.reconciliation).toMatchObject({ brokerTwrPct: "0.050688891", status: "matches" });
    expect(new Decimal(a.twrPct).minus("0.050688891").abs().lte("0.000001")).toBe(true);
    expect(json.issues).toEqual([]);
  });

  it("prints a short table per account with IB's figure beside ours", async () => {
    const { code, stdout } = await run("returns", SAMPLE17);
    expect(code).toBe(0);
    expect(stdout).toContain("Account U1111111 (USD)  2023-03-02 to 2023-03-02");
    expect(stdout).toMatch(/NAV\s+7,674\.27 → 7,678\.16 USD/);
    expect(stdout).toMatch(/TWR\s+0\.050688891%/);
    expect(stdout).toContain(
      "IB's twr        0.050688891% over 2023-03-02 to 2023-03-02; ours 0.050688891%: matches",
    );
  });

  it("reads overlapping files as one history: a deposit in both counts once", async () => {
    // r(01-03) = 100/1000; r(01-06) = (1650 − 1100 − 500) / 1600; TWR = 1.1 × 1.03125 − 1 = 13.4375 %.
    const a = file(
      "a.xml",
      statement(
        "20250102",
        "20250106",
        `<EquitySummaryInBase>${nav("20250102", "1000")}${nav("20250103", "1100")}${nav("20250106", "1650")}</EquitySummaryInBase><CashTransactions>${deposit("9", "20250106", "500")}</CashTransactions>`,
      ),
    );
    const b = file(
      "b.xml",
      statement(
        "20250103",
        "20250106",
        `<EquitySummaryInBase>${nav("20250106", "1650")}</EquitySummaryInBase><CashTransactions>${deposit("9", "20250106", "500")}</CashTransactions><ChangeInNAV accountId="U1" fromDate="20250103" toDate="20250106" twr="13.4375" />`,
      ),
    );
    const { code, stdout } = await run("returns", a, b, "--json");
    expect(code).toBe(0);
    expect(JSON.parse(stdout).accounts[0]).toMatchObject({
      deposits: "500",
      twrPct: "13.4375",
      reconciliation: { brokerTwrPct: "13.4375", status: "matches" },
    });
  });

  it("refuses unusable input with exit 2 and only the error object on stdout", async () => {
    const { code, stdout, stderr } = await run("returns", file("bad.xml", "not xml at all"), "--json");
    expect(code).toBe(2);
    expect(stderr).toMatch(/^closeout: /);
    expect(Object.keys(JSON.parse(stdout))).toEqual(["error"]);
    expect((await run("returns")).code).toBe(2);
  });
});

describe("check-query and the optional account sections", () => {
  const required =
    "<CorporateActions/><SecuritiesInfo/><TradeTransfers/><OpenPositions/><OptionEAE/><Trades/>";

  it("lists the three as recommended, in IB's words, and still passes without them", async () => {
    const q = file("q.xml", statement("20250101", "20251231", required));
    const json = JSON.parse((await run("check-query", q, "--json")).stdout);
    expect(json.ok).toBe(true);
    expect(json.missingSections).toEqual([]);
    expect(json.missingRecommended).toEqual(["CashTransactions", "ChangeInNAV", "EquitySummaryInBase"]);
    const { stdout } = await run("check-query", q);
    expect(stdout).toContain("The Flex query has everything closeout needs.");
    expect(stdout).toContain('add section "Cash Transactions": unlocks deposits and withdrawals');
    expect(stdout).toContain('add section "Change in NAV": unlocks IB\'s own time-weighted return');
    expect(stdout).toContain('add section "Net Asset Value (NAV) in Base": unlocks the daily NAV');
  });

  it("says nothing more once they are there", async () => {
    const q = file(
      "full.xml",
      statement("20250101", "20251231", `${required}<CashTransactions/><EquitySummaryInBase/><ChangeInNAV/>`),
    );
    expect(JSON.parse((await run("check-query", q, "--json")).stdout).missingRecommended).toEqual([]);
    expect((await run("check-query", q)).stdout).not.toContain("Recommended");
  });
});
