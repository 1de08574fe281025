// Golden check for performance work on buildTrades / computeSummary / computeStats: hashes every field of
// the report (reportToJson, and the raw objects with full-precision Decimals and every leg) and of the
// statistics over a generated 100k statement and every shared Flex sample. The hashes must never change.
// `npx tsx bench/golden-check.ts [small]`
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { buildReport, computeStats, Decimal, parseFlex, reportToJson } from "@closeout/core";
import { generateStatement } from "@closeout/flex-sim";
import { SAMPLES_DIR } from "../packages/core/src/test-support/samples.ts";

const small = process.argv[2] === "small";
const executions = small ? 5_000 : 100_000;

/** Decimals as their exact string, marking a negative zero so that even the sign of 0 is compared. */
function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Decimal) return `D${value.isZero() && value.isNeg() ? "-0" : value.toString()}`;
  if (value instanceof Set) return [...value];
  if (value instanceof Map) return [...value.entries()];
  return value;
}

function hashOf(xml: string): { json: string; deep: string } {
  const data = parseFlex(xml);
  const report = buildReport(data);
  const stats = computeStats(report.trades, { timeZone: "America/New_York" });
  const json = createHash("sha256")
    .update(JSON.stringify(reportToJson(report)))
    .digest("hex");
  const deep = createHash("sha256").update(JSON.stringify({ report, stats }, replacer)).digest("hex");
  return { json, deep };
}

const cache = `/tmp/closeout-golden-${executions}.xml`;
let xml: string;
if (existsSync(cache)) xml = readFileSync(cache, "utf8");
else {
  xml = generateStatement({ seed: 7, accounts: 2, executions, fromDate: "2025-01-02", toDate: "2025-12-31" });
  writeFileSync(cache, xml);
}
const all = createHash("sha256");
const gen = hashOf(xml);
console.log(`generated ${executions}: json ${gen.json.slice(0, 16)} deep ${gen.deep.slice(0, 16)}`);
all.update(gen.json).update(gen.deep);
const dir = SAMPLES_DIR;
for (const f of readdirSync(dir)
  .filter((n) => n.endsWith(".xml"))
  .sort()) {
  const h = hashOf(readFileSync(`${dir}/${f}`, "utf8"));
  all.update(f).update(h.json).update(h.deep);
}
console.log(`combined: ${all.digest("hex")}`);
