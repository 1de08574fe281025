import { checkQuery, RECOMMENDED_SECTIONS, sectionLabel } from "@closeout/core";
import { AppError } from "../app-error.ts";
import { readFlexFiles } from "../read-flex-files.ts";
import type { CliIo } from "./cli-io.ts";
import { parseCliArgs } from "./parse-cli-args.ts";

export async function checkQueryCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCliArgs("check-query", args, { json: { type: "boolean" } });
  if (positionals.length !== 1) throw new AppError("usage", "check-query: give exactly one Flex XML file");
  const result = checkQuery(await readFlexFiles(positionals));
  if (values.json) {
    io.out(JSON.stringify(result, null, 2));
    return 0;
  }
  const lines: string[] = [];
  lines.push(result.ok ? "The Flex query has everything closeout needs." : "The Flex query needs changes:");
  for (const s of result.missingSections) {
    lines.push(
      `  - missing section "${sectionLabel(s)}": tick it in the query's Sections, then Select All and Save`,
    );
  }
  for (const f of result.missingFields) lines.push(`  - missing field ${f}`);
  for (const w of result.warnings) lines.push(`  ! ${w}`);
  const recommended = RECOMMENDED_SECTIONS.filter((r) => result.missingRecommended.includes(r.element));
  if (recommended.length > 0) {
    lines.push("Recommended (optional; the query works without them):");
    for (const r of recommended) lines.push(`  + add section "${r.label}": unlocks ${r.unlocks}`);
  }
  io.out(lines.join("\n"));
  return 0;
}
