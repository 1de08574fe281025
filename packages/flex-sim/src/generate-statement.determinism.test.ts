import { describe, expect, it } from "vitest";
import { generateStatement, generateStatementChunks } from "./generate-statement.ts";
import { generateStatementWithTruth } from "./generate-statement-with-truth.ts";

const options = {
  seed: 42,
  accounts: 2,
  executions: 600,
  fromDate: "2025-01-02",
  toDate: "2025-12-31",
} as const;

describe("generateStatement determinism", () => {
  it("same seed gives identical bytes", () => {
    expect(generateStatement(options)).toBe(generateStatement(options));
  });

  it("a different seed gives a different statement", () => {
    expect(generateStatement({ ...options, seed: 43 })).not.toBe(generateStatement(options));
  });

  it("streamed chunks join to the same text and stay small", () => {
    const chunks = [...generateStatementChunks({ ...options, executions: 3_000 })];
    expect(chunks.join("")).toBe(generateStatement({ ...options, executions: 3_000 }));
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(256 * 1024);
  });

  it.each([50, 600, 5_000])("produces about %i executions", (executions) => {
    const { xml, truth } = generateStatementWithTruth({ ...options, executions });
    const rows = xml.match(/<Trade [^>]*assetCategory="(?:STK|OPT|FUT)"/g) ?? [];
    expect(rows.length).toBe(truth.executionCount);
    expect(Math.abs(truth.executionCount - executions)).toBeLessThanOrEqual(Math.max(15, executions * 0.05));
  });
});
