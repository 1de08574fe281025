// `closeout trades`: the stored history as the same JSON as `report --json`, computed by the same core
// functions from the same rows — the database path and the offline path give identical numbers.
import { buildReport, type FlexData, mergeFlexData, reportToJson } from "@closeout/core";
import { AppError } from "../app-error.ts";
import { listAccountsForUser } from "../db/accounts-repository.ts";
import { loadAccountFlexData } from "../db/load-account-flex-data.ts";
import { attachJournal, type TradeJournalJson, tradeJournalJson } from "../journal/attach-journal.ts";
import { listJournalEntries, loadJournalSettings } from "../journal/journal-repository.ts";
import type { CliIo } from "./cli-io.ts";
import { formatReport } from "./format-report.ts";
import { cliUserId, DATA_DIR_OPTION, openCliStore } from "./open-cli-database.ts";
import { parseCliArgs } from "./parse-cli-args.ts";

export async function tradesCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs("trades", args, {
    json: { type: "boolean" },
    journal: { type: "boolean" },
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
    const json = reportToJson(report);
    if (values.journal) {
      // The journal follows trades by their execution ids (journal/attach-journal.ts), as in the API.
      const journal = attachJournal(
        { trades: report.trades.map((trade, i) => ({ id: String(i), accountDbId: "", trade })) },
        await listJournalEntries(db.kysely, userId),
        await loadJournalSettings(db.kysely, userId),
      );
      const trades = json.trades.map((t, i) => ({
        ...t,
        journal: tradeJournalJson(journal.of({ id: String(i), accountDbId: "", trade: report.trades[i]! })),
      }));
      if (values.json) io.out(JSON.stringify({ ...json, trades }, null, 2));
      else
        io.out(`${formatReport(report)}
${formatJournalLines(trades)}`);
      return 0;
    }
    io.out(values.json ? JSON.stringify(json, null, 2) : formatReport(report));
    return 0;
  } finally {
    await store.stop();
  }
}

/** One line per journalled trade under the text report: symbol, close, tags, R and the note's first line. */
function formatJournalLines(
  trades: readonly { symbol: string; closedAt: string; journal: TradeJournalJson }[],
): string {
  const lines = trades
    .filter((t) => t.journal.entries > 0)
    .map((t) => {
      const first = t.journal.note.split("\n")[0]?.slice(0, 60) ?? "";
      return `  ${t.symbol} ${t.closedAt}  [${t.journal.tags.join(", ")}]  R ${t.journal.r ?? "-"}  ${first}`;
    });
  return lines.length === 0 ? "Journal: no notes" : `Journal:\n${lines.join("\n")}`;
}
