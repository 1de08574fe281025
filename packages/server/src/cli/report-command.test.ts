// The offline CLI end to end (in-process through runCli, files on disk): the contract's example trade,
// merging files, and every "unusable input" path (exit 2, one stderr line, JSON error with --json).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { captureIo } from "./cli-io.ts";
import { runCli } from "./run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "closeout-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const trade = (attrs: string) =>
  `<Trade accountId="U1234567" currency="USD" fxRateToBase="1" assetCategory="STK" symbol="AAPL" conid="265598" multiplier="1" levelOfDetail="EXECUTION" ibCommissionCurrency="USD" ${attrs} />`;

const statement = (trades: string[], extra = "") => `<?xml version="1.0" encoding="UTF-8"?>
<FlexQueryResponse queryName="closeout" type="AF"><FlexStatements count="1">
<FlexStatement accountId="U1234567" fromDate="20250101" toDate="20251231" period="Last365CalendarDays" whenGenerated="20260101;010203">
<AccountInformation accountId="U1234567" currency="USD" />
<Trades>${trades.join("\n")}</Trades>${extra}
</FlexStatement></FlexStatements></FlexQueryResponse>`;

const buy = trade(
  'dateTime="20250115;093015" tradeDate="20250115" quantity="100" tradePrice="150.00" ibCommission="-1" buySell="BUY" openCloseIndicator="O" transactionID="1001" tradeID="501" fifoPnlRealized="0"',
);
const sell = trade(
  'dateTime="20250116;100200" tradeDate="20250116" quantity="-100" tradePrice="152.50" ibCommission="-1" buySell="SELL" openCloseIndicator="C" transactionID="1002" tradeID="502" fifoPnlRealized="248"',
);

async function run(...args: string[]) {
  const io = captureIo();
  const code = await runCli(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe("closeout report", () => {
  it("prints the contract's example round trip as JSON", async () => {
    const { code, stdout, stderr } = await run(
      "report",
      file("example.xml", statement([buy, sell])),
      "--json",
    );
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.accounts).toEqual([{ accountId: "U1234567", baseCurrency: "USD" }]);
    expect(json.trades).toHaveLength(1);
    expect(json.trades[0]).toMatchObject({
      accountId: "U1234567",
      symbol: "AAPL",
      conid: "265598",
      assetClass: "STK",
      side: "long",
      openedAt: "2025-01-15T14:30:15Z",
      closedAt: "2025-01-16T15:02:00Z",
      quantity: "100",
      currency: "USD",
      realizedPnl: "248",
      fees: "-2",
      realizedPnlBase: "248",
      executionIds: ["1001", "1002"],
      reconciliation: { brokerPnl: "248", status: "matches", reason: null },
    });
    expect(Number(json.trades[0].returnPct)).toBeCloseTo(1.65333, 4);
    expect(json.summary).toMatchObject({
      trades: "1",
      wins: "1",
      losses: "0",
      netPnlBase: "248",
      maxDrawdownBase: "0",
    });
  });

  it("merges overlapping files so every execution counts once", async () => {
    const a = file("a.xml", statement([buy, sell]));
    const b = file("b.xml", statement([sell]));
    const { code, stdout } = await run("report", a, b, "--json");
    expect(code).toBe(0);
    expect(JSON.parse(stdout).trades).toHaveLength(1);
  });

  it("prints a readable summary without --json", async () => {
    const { code, stdout } = await run("report", file("human.xml", statement([buy, sell])));
    expect(code).toBe(0);
    expect(stdout).toContain("Net P&L         248.00 USD");
    expect(stdout).toMatch(/AAPL\s+STK\s+long\s+100\s+248\.00 USD/);
  });

  const unusable: [string, string, string][] = [
    ["not XML", "this is not xml at all", ""],
    ["a truncated file", statement([buy, sell]).slice(0, 400), "truncated"],
    [
      "a DOCTYPE",
      `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><FlexQueryResponse/>`,
      "doctype-forbidden",
    ],
    ["another root element", `<?xml version="1.0"?><Report><Row/></Report>`, "not-flex-statement"],
    [
      "slash dates",
      statement([buy.replace('dateTime="20250115;093015"', 'dateTime="01/15/2025;093015"')]),
      "ambiguous-date-format",
    ],
    // Hostile input (core flex-input-limits.ts): each limit has its own code.
    [
      "deep nesting",
      statement([buy]).replace("<Trades>", `<Trades>${"<a>".repeat(100_000)}`),
      "nesting-too-deep",
    ],
    [
      "a tag with too many attributes",
      statement([trade(Array.from({ length: 5000 }, (_, i) => `x${i}="1"`).join(" "))]),
      "too-many-attributes",
    ],
    ["an over-long value", statement([trade(`description="${"D".repeat(10_000)}"`)]), "attribute-too-long"],
  ];
  for (const [name, text, code] of unusable) {
    it(`refuses ${name} with exit 2, one stderr line and a JSON error`, async () => {
      const result = await run("report", file(`bad-${name.replace(/\W+/g, "-")}.xml`, text), "--json");
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/);
      const json = JSON.parse(result.stdout);
      expect(json.error.message).toBeTruthy();
      if (code) expect(json.error.code).toBe(code);
    });
  }

  it("refuses hostile input with exit 2 in report, check-query and import alike, naming the limit", async () => {
    const deep = file("deep.xml", `<FlexQueryResponse>${"<a>".repeat(100_000)}`);
    for (const command of ["report", "check-query", "import"]) {
      const args = command === "import" ? ["--data-dir", join(dir, "never-created")] : [];
      const result = await run(command, deep, ...args);
      expect(result.code, command).toBe(2);
      expect(result.stderr.trim()).toBe(
        "closeout: The file nests elements more than 32 deep; a Flex statement never comes close, so the file was not read.",
      );
    }
    // The import refused the file before it opened (or created) a database.
    expect(existsSync(join(dir, "never-created"))).toBe(false);
  });

  it("names the Flex setting to change for slash dates", async () => {
    const result = await run(
      "report",
      file("slash.xml", statement([buy.replace("20250115;093015", "01/15/2025;093015")])),
    );
    expect(result.stderr).toMatch(/Date Format/);
  });

  it("refuses a missing file with exit 2", async () => {
    const result = await run("report", join(dir, "nope.xml"), "--json");
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout).error.code).toBe("unreadable-file");
  });

  it("skips a bad row, lists it under issues and still reports the rest", async () => {
    const bad = trade(
      'dateTime="20250117;100000" quantity="abc" tradePrice="1" transactionID="1003" buySell="BUY"',
    );
    const { code, stdout } = await run("report", file("badrow.xml", statement([buy, sell, bad])), "--json");
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.trades).toHaveLength(1);
    expect(json.issues.some((i: { code: string }) => i.code === "invalid-number")).toBe(true);
  });
});

describe("closeout check-query", () => {
  it("lists every missing section and exits 0", async () => {
    const { code, stdout } = await run("check-query", file("q.xml", statement([buy, sell])), "--json");
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.ok).toBe(false);
    expect([...json.missingSections].sort()).toEqual(
      ["CorporateActions", "OpenPositions", "OptionEAE", "SecuritiesInfo", "TradeTransfers"].sort(),
    );
    expect(json.missingFields).toEqual([]);
  });

  it("is ok when every section is present", async () => {
    const extra = "<CorporateActions/><SecuritiesInfo/><TradeTransfers/><OpenPositions/><OptionEAE/>";
    const { stdout } = await run("check-query", file("ok.xml", statement([buy, sell], extra)), "--json");
    expect(JSON.parse(stdout)).toEqual({
      ok: true,
      missingSections: [],
      missingFields: [],
      // Recommended sections are listed but never make a query fail.
      missingRecommended: ["CashTransactions", "ChangeInNAV", "EquitySummaryInBase"],
      warnings: [],
    });
  });
});
