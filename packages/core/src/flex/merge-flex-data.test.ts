import { describe, expect, it } from "vitest";
import { readSample } from "../test-support/samples.ts";
import type { FlexData } from "../types.ts";
import { mergeFlexData, nextFlexParserOptions } from "./merge-flex-data.ts";
import { parseFlex } from "./parse-flex.ts";

function parseAll(names: string[]): FlexData[] {
  const parts: FlexData[] = [];
  for (const name of names)
    parts.push(parseFlex(readSample(name), nextFlexParserOptions(mergeFlexData(parts))));
  return parts;
}

describe("mergeFlexData", () => {
  const names = [
    "titov-vv_jal_ibkr.xml",
    "titov-vv_jal_ibkr_year1.xml",
    "portfolio-performance_portfolio_testIBFlexStatementFile26.xml",
    "gabbersepp_ib-flex-reader_TestForCoding.xml",
  ];

  it("concatenates files with globally unique file orders and statement indexes", () => {
    const parts = parseAll(names);
    const merged = mergeFlexData(parts);
    expect(merged.executions).toHaveLength(parts.reduce((n, p) => n + p.executions.length, 0));
    const orders = [...merged.executions, ...merged.optionEvents, ...merged.corporateActions].map(
      (r) => r.fileOrder,
    );
    expect(new Set(orders).size).toBe(orders.length);
    expect(merged.statements.map((s) => s.index)).toEqual([0, 1, 2, 3, 4]);
    expect(merged.executions.map((e) => e.fileOrder)).toEqual(
      [...merged.executions.map((e) => e.fileOrder)].sort((a, b) => a - b),
    );
  });

  it("dedupes accounts by id, preferring one with a base currency", () => {
    const merged = mergeFlexData(parseAll(names));
    expect(merged.accounts.map((a) => [a.accountId, a.baseCurrency])).toEqual([
      ["U7654321", "USD"],
      ["U1234567", "USD"],
      ["U1234568", "EUR"],
    ]);
  });

  it("combines the shape: union of sections, any execution time, currency only if every file has it", () => {
    const merged = mergeFlexData(parseAll(names));
    expect(merged.shape.sections).toContain("OptionEAE");
    expect(merged.shape.sections).toContain("CashReport");
    expect(merged.shape.executionsHaveTime).toBe(true);
    expect(merged.shape.hasExecutions).toBe(true);
    expect(merged.shape.accountCurrencyPresent).toBe(false);
    expect(mergeFlexData(parseAll(names.slice(0, 2))).shape.accountCurrencyPresent).toBe(true);
  });

  it("merging nothing gives empty data", () => {
    const empty = mergeFlexData([]);
    expect(empty.executions).toEqual([]);
    expect(nextFlexParserOptions(empty)).toEqual({ fileOrderStart: 0, statementIndexStart: 0 });
  });
});
