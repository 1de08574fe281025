// `closeout trades`: the stored history as the same JSON as `report --json`, computed by the same core
// functions from the same rows — the database path and the offline path give identical numbers.
import { buildReport, type FlexData, mergeFlexData, reportToJson } from "@closeout/core";
import { AppError } from "../app-error.ts";
import { listAccountsForUser } from "../db/accounts-repository.ts";
import { loadAccountFlexData } from "../db/load-account-flex-data.ts";
import type { CliIo } from "./cli-io.ts";
import { formatReport } from "./format-report.ts";
import { cliUserId, DATA_DIR_OPTION, openCliStore } from "./open-cli-database.ts";
import { parseCliArgs } from "./parse-cli-args.ts";

export async function tradesCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs("trades", args, {
    json: { type: "boolean" },
    account: { type: "string" },
    user: { type: "string" },
    ...DATA_DIR_OPTION,
  });
  const store = await openCliStore(values, io);
  const { db } = store;
  try {
    const userId = await cliUserId(db, values.user);
    let accounts = await listAccountsForUser(db.kysely, userId);
    if (values.account !== undefined) {
      accounts = accounts.filter((a) => a.ibAccountId === values.account);
      if (accounts.length === 0) throw new AppError("not-found", `no stored account ${values.account}`);
    }
    const parts: FlexData[] = [];
    for (const account of accounts) parts.push(await loadAccountFlexData(db.kysely, account.id));
    const report = buildReport(mergeFlexData(parts));
    io.out(values.json ? JSON.stringify(reportToJson(report), null, 2) : formatReport(report));
    return 0;
  } finally {
    await store.stop();
  }
}
