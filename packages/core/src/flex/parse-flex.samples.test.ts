import { describe, expect, it } from "vitest";
import { readSample, sampleNames } from "../test-support/samples.ts";
import type { FlexData } from "../types.ts";
import { createFlexParser } from "./create-flex-parser.ts";
import { parseFlex } from "./parse-flex.ts";

/** Opening tags of `name` with their attributes, found by a plain regular expression (independent of saxes). */
function rows(text: string, name: string): Map<string, string>[] {
  const out: Map<string, string>[] = [];
  for (const m of text.matchAll(new RegExp(`<${name}\\s([^>]*?)/?>`, "g"))) {
    const map = new Map<string, string>();
    for (const a of (m[1] ?? "").matchAll(/([\w:]+)="([^"]*)"/g)) map.set(a[1] ?? "", a[2] ?? "");
    out.push(map);
  }
  return out;
}

const absent = (v: string | undefined) => v === undefined || ["", "-", "--", "N/A"].includes(v.trim());

function expectedCounts(text: string) {
  return {
    statements: rows(text, "FlexStatement").length,
    executions: rows(text, "Trade").filter(
      (r) => absent(r.get("levelOfDetail")) || r.get("levelOfDetail") === "EXECUTION",
    ).length,
    openPositions: rows(text, "OpenPosition").filter(
      (r) => absent(r.get("levelOfDetail")) || r.get("levelOfDetail") === "SUMMARY",
    ).length,
    optionEvents: rows(text, "OptionEAE").filter((r) =>
      ["Expiration", "Assignment", "Exercise", "Cash Settlement"].includes(r.get("transactionType") ?? ""),
    ).length,
    corporateActions: rows(text, "CorporateAction").filter(
      (r) =>
        ["FS", "RS", "FI", "CS", "IC"].includes(r.get("type") ?? "") && r.get("levelOfDetail") !== "SUMMARY",
    ).length,
    securities: rows(text, "SecurityInfo").length,
    conversionRates: rows(text, "ConversionRate").filter((r) => !(r.get("rate") ?? "").startsWith("-"))
      .length,
    transfers: rows(text, "Transfer").length + rows(text, "TradeTransfer").length,
    cash: rows(text, "Trade").filter((r) => r.get("assetCategory") === "CASH").length,
  };
}

function actualCounts(d: FlexData) {
  return {
    statements: d.statements.length,
    executions: d.executions.length,
    openPositions: d.openPositions.length,
    optionEvents: d.optionEvents.length,
    corporateActions: d.corporateActions.length,
    securities: d.securities.length,
    conversionRates: d.conversionRates.length,
    transfers: d.transfers.length,
    cash: d.executions.filter((e) => e.isConversion).length,
  };
}

describe("parseFlex on the 25 real samples", () => {
  const names = sampleNames();

  it("finds all 25 samples", () => {
    expect(names).toHaveLength(25);
  });

  it.each(names)("%s parses without error, with the row counts a plain scan finds and no issues", (name) => {
    const text = readSample(name);
    const data = parseFlex(text);
    expect(actualCounts(data)).toEqual(expectedCounts(text));
    expect(data.issues).toEqual([]);
    for (const e of data.executions) {
      expect(e.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(Date.parse(e.time)).toBe(e.timeMs);
      expect(e.tradeDate).toMatch(/^\d{4}-\d\d-\d\d$/);
      expect(e.accountId).not.toBe("");
      expect(e.rawKey).toBe(e.transactionId === null && e.ibExecId === null ? e.rawKey : "");
    }
    for (const s of data.statements) expect(s.sections.length).toBeGreaterThan(0);
  });

  it("assigns increasing file orders and global statement indexes", () => {
    const data = parseFlex(readSample("portfolio-performance_portfolio_testIBFlexStatementFile26.xml"), {
      fileOrderStart: 100,
      statementIndexStart: 7,
    });
    expect(data.statements.map((s) => [s.index, s.accountId])).toEqual([
      [7, "U1234567"],
      [8, "U1234568"],
    ]);
    expect(data.executions[0]?.fileOrder).toBe(100);
    expect(data.accounts.map((a) => [a.accountId, a.baseCurrency])).toEqual([
      ["U1234567", "USD"],
      ["U1234568", "EUR"],
    ]);
  });
});

describe("streaming: chunked writes give the same result as one write", () => {
  function parseInChunks(text: string, size: number): FlexData {
    const parser = createFlexParser();
    for (let i = 0; i < text.length; i += size) parser.write(text.slice(i, i + size));
    return parser.end();
  }

  it.each([
    ["titov-vv_jal_ibkr.xml", 1],
    ["vroonhof_opensteuerauszug_corporate_action_2025.xml", 1],
    ["gabbersepp_ib-flex-reader_StatementOfFunds.xml", 1],
    ["vroonhof_opensteuerauszug_eTax_report_anonymised_2025.xml", 7],
    ["portfolio-performance_portfolio_testIBFlexStatementFile01.xml", 7],
  ] as const)("%s in %i-character chunks", (name, size) => {
    const text = readSample(name);
    expect(parseInChunks(text, size)).toEqual(parseFlex(text));
  });
});
