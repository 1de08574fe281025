import { buildReport, reportToJson } from "@closeout/core";
import { AppError } from "../app-error.ts";
import { readFlexFiles } from "../read-flex-files.ts";
import type { CliIo } from "./cli-io.ts";
import { formatReport } from "./format-report.ts";
import { parseCliArgs } from "./parse-cli-args.ts";

export async function reportCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCliArgs("report", args, { json: { type: "boolean" } });
  if (positionals.length === 0) throw new AppError("usage", "report: give at least one Flex XML file");
  const report = buildReport(await readFlexFiles(positionals));
  // Output is composed fully before anything is written: nothing is half-printed on error.
  io.out(values.json ? JSON.stringify(reportToJson(report), null, 2) : formatReport(report));
  return 0;
}
