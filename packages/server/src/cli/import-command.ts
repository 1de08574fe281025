// `closeout import <file...>`: stores Flex statements (e.g. older years beyond IB's 365-day window) for the
// CLI's user. Each file is one transaction: parsed whole first, so an unusable file changes nothing.
import { readFile } from "node:fs/promises";
import { type Issue, parseFlex } from "@closeout/core";
import { AppError } from "../app-error.ts";
import { importFlexData } from "../db/import-flex-data.ts";
import { TRADE_REBUILD } from "../sync/rebuild-account-trades.ts";
import type { CliIo } from "./cli-io.ts";
import { cliUserId, DATA_DIR_OPTION, openCliStore } from "./open-cli-database.ts";
import { parseCliArgs } from "./parse-cli-args.ts";

export async function importCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCliArgs("import", args, {
    json: { type: "boolean" },
    user: { type: "string" },
    ...DATA_DIR_OPTION,
  });
  if (positionals.length === 0) throw new AppError("usage", "import: give at least one Flex XML file");
  // Read and parse every file before touching the database: a bad file aborts the whole command.
  const parsed = [];
  for (const path of positionals) {
    const rawXml = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
      throw new AppError("unreadable-file", `cannot read ${path}: ${error.code ?? "read error"}`);
    });
    parsed.push({ path, rawXml, data: parseFlex(rawXml.replace(/^\uFEFF/, "")) });
  }
  const store = await openCliStore(values, io);
  const { db } = store;
  try {
    const userId = await cliUserId(db, values.user);
    let executionsAdded = 0;
    let executionsExisting = 0;
    let tradesRebuilt = 0;
    const issues: Issue[] = [];
    for (const file of parsed) {
      const result = await importFlexData(db, {
        userId,
        data: file.data,
        rawXml: file.rawXml,
        rawQuotaBytes: store.rawQuotaBytes,
        ...TRADE_REBUILD,
      });
      executionsAdded += result.executionsAdded;
      executionsExisting += result.executionsExisting;
      tradesRebuilt += result.tradesRebuilt ?? 0;
      issues.push(...file.data.issues);
      if (!values.json) {
        io.out(
          `${file.path}: ${result.executionsAdded} new executions, ${result.executionsExisting} already stored (accounts ${result.accounts.join(", ") || "none"})`,
        );
      }
    }
    if (values.json) io.out(JSON.stringify({ executionsAdded, executionsExisting, tradesRebuilt, issues }));
    else io.out(`${tradesRebuilt} trades rebuilt; ${issues.length} rows skipped with issues`);
    return 0;
  } finally {
    await store.stop();
  }
}
