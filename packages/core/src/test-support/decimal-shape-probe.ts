// Run by decimal-shape.test.ts as `node --allow-natives-syntax --import tsx <this file>`: builds reports and
// statistics from every shared sample and a generated statement, then prints V8's description of a Decimal
// made afterwards, whose `s` and `e` fields must still be small integers (see decimal-units.ts, buildFromUnits),
// how many of the Decimals the builder and the statistics made have holey digit arrays (packedWords), and
// whether a parsed execution's time is a flat string (utcIso).
import { readFileSync } from "node:fs";
import { generateStatement } from "@closeout/flex-sim";
import { buildReport, computeStats, computeSummary, Decimal, listAccounts, parseFlex } from "../index.ts";
import { samplePaths } from "./samples.ts";

const xmls = samplePaths().map((path) => readFileSync(path, "utf8"));
xmls.push(
  generateStatement({
    seed: 3,
    accounts: 2,
    executions: 3_000,
    fromDate: "2025-01-02",
    toDate: "2025-12-31",
  }),
);
// V8 intrinsics, only reachable through functions compiled at run time with --allow-natives-syntax.
const debugPrint = new Function("x", "%DebugPrint(x)") as (x: unknown) => void;
const isHoley = new Function("x", "return %HasHoleyElements(x)") as (x: unknown) => boolean;
let built = 0;
let holey = 0;
const check = (x: Decimal | null) => {
  if (x === null) return;
  built += 1;
  if (isHoley((x as unknown as { d: unknown }).d)) holey += 1;
};
for (const xml of xmls) {
  const data = parseFlex(xml);
  const report = buildReport(data);
  computeSummary(report.trades, listAccounts(data));
  const stats = computeStats(report.trades, { timeZone: "America/New_York" });
  for (const t of report.trades) {
    for (const x of [t.realizedPnl, t.realizedPnlBase, t.fees, t.returnPct, t.quantity]) check(x);
    for (const leg of t.legs) check(leg.cashFlow);
  }
  for (const p of stats.equityCurve) check(p.cumulativePnlBase);
}
console.log(`digit arrays: ${built} checked, ${holey} holey`);
// An execution's time: a flat string, not a cons string of its day and time-of-day parts (utcIso).
const executions = parseFlex(xmls.at(-1)!).executions;
console.log("execution time:");
debugPrint(executions[executions.length - 1]!.time);
debugPrint(new Decimal("12.5"));
