// Run by decimal-shape.test.ts as `node --allow-natives-syntax --import tsx <this file>`: builds reports and
// statistics from every shared sample and a generated statement, then prints V8's description of a Decimal
// made afterwards, whose `s` and `e` fields must still be small integers (see decimal-units.ts, buildFromUnits).
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
for (const xml of xmls) {
  const data = parseFlex(xml);
  const report = buildReport(data);
  computeSummary(report.trades, listAccounts(data));
  computeStats(report.trades, { timeZone: "America/New_York" });
}
// A V8 intrinsic, only reachable through a function compiled at run time with --allow-natives-syntax.
const debugPrint = new Function("x", "%DebugPrint(x)") as (x: unknown) => void;
debugPrint(new Decimal("12.5"));
