// The golden hash: every field of buildReport + computeStats (the report's JSON, and the raw objects with
// Decimals at full precision, the sign of zero and every leg) over a generated statement and every shared
// Flex sample. It changes only with a rule or a documented precision decision (bench/PERFORMANCE.md).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { generateStatement } from "@closeout/flex-sim";
import { buildReport } from "../build-report.ts";
import { parseFlex } from "../flex/parse-flex.ts";
import { Decimal } from "../money.ts";
import { reportToJson } from "../report-json.ts";
import { computeStats } from "../stats/compute-stats.ts";
import { samplePaths } from "./samples.ts";

/** Decimals as their exact string, marking a negative zero so that even the sign of 0 is compared. */
function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Decimal) return `D${value.toString()}`;
  if (value instanceof Set) return [...value];
  if (value instanceof Map) return [...value.entries()];
  return value;
}

export function hashOfStatement(xml: string): { json: string; deep: string } {
  const report = buildReport(parseFlex(xml));
  const stats = computeStats(report.trades, { timeZone: "America/New_York" });
  const json = createHash("sha256")
    .update(JSON.stringify(reportToJson(report)))
    .digest("hex");
  const deep = createHash("sha256").update(JSON.stringify({ report, stats }, replacer)).digest("hex");
  return { json, deep };
}

export function goldenStatement(executions: number): string {
  return generateStatement({
    seed: 7,
    accounts: 2,
    executions,
    fromDate: "2025-01-02",
    toDate: "2025-12-31",
  });
}

/** The combined hash over `generated` (goldenStatement's text) and every shared sample, by file name. */
export function goldenHash(generated: string): string {
  const all = createHash("sha256");
  const gen = hashOfStatement(generated);
  all.update(gen.json).update(gen.deep);
  for (const path of samplePaths()) {
    const h = hashOfStatement(readFileSync(path, "utf8"));
    all
      .update(path.slice(path.lastIndexOf("/") + 1))
      .update(h.json)
      .update(h.deep);
  }
  return all.digest("hex");
}
