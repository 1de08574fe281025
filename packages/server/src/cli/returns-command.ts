import { computeReturns, returnsToJson } from "@closeout/core";
import { AppError } from "../app-error.ts";
import { readFlexFiles } from "../read-flex-files.ts";
import { returnsRange } from "../returns-range.ts";
import type { CliIo } from "./cli-io.ts";
import { formatReturns } from "./format-returns.ts";
import { parseCliArgs } from "./parse-cli-args.ts";

/**
 * `closeout returns <file.xml>... [--from yyyy-MM-dd] [--to yyyy-MM-dd] [--json]`: account performance from
 * NAV and cash rows, offline; --from/--to bound the NAV days (the day before --from opens the period).
 */
export async function returnsCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCliArgs("returns", args, {
    json: { type: "boolean" },
    from: { type: "string" },
    to: { type: "string" },
  });
  if (positionals.length === 0) throw new AppError("usage", "returns: give at least one Flex XML file");
  const range = returnsRange(values.from, values.to, "returns");
  const json = returnsToJson(computeReturns(await readFlexFiles(positionals), range));
  // Composed fully before anything is written: nothing is half-printed on error.
  io.out(values.json ? JSON.stringify(json, null, 2) : formatReturns(json));
  return 0;
}
