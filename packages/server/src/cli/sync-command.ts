// `closeout sync [--account A]`: syncs the CLI user's links now, in this process, with a progress display.
// Each link's outcome is printed in plain words; the exit code is 2 when any link needs the user's action.
import { AppError } from "../app-error.ts";
import { listAccountsForUser } from "../db/accounts-repository.ts";
import { listLinksForUser } from "../db/links-repository.ts";
import { syncLink } from "../sync/sync-link.ts";
import type { CliIo } from "./cli-io.ts";
import { cliUserId, DATA_DIR_OPTION, openCliStore } from "./open-cli-database.ts";
import { parseCliArgs } from "./parse-cli-args.ts";
import { describeProgress } from "./progress-line.ts";

export async function syncCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs("sync", args, {
    account: { type: "string" },
    user: { type: "string" },
    "flex-base-url": { type: "string" },
    json: { type: "boolean" },
    ...DATA_DIR_OPTION,
  });
  const store = await openCliStore(values, io);
  try {
    const userId = await cliUserId(store.db, values.user);
    let links = await listLinksForUser(store.db.kysely, userId);
    if (values.account !== undefined) {
      const account = (await listAccountsForUser(store.db.kysely, userId)).find(
        (a) => a.ibAccountId === values.account,
      );
      if (!account?.linkId) throw new AppError("not-found", `no linked account ${values.account}`);
      links = links.filter((l) => l.id === account.linkId);
    }
    if (links.length === 0)
      throw new AppError("not-found", 'nothing to sync: link an account first ("closeout link")');
    const results = [];
    let needsAction = false;
    for (const link of links) {
      const outcome = await syncLink(store, link.id, {
        lastAttempt: true,
        onProgress: (p) => io.err(describeProgress(p)),
      });
      let summary: string;
      if (outcome.result === "imported") {
        summary = `query ${link.queryId}: ${outcome.import.executionsAdded} new executions, ${outcome.import.executionsExisting} already stored`;
      } else if (outcome.result === "busy" || outcome.result === "missing") {
        summary = `query ${link.queryId}: ${outcome.result === "busy" ? "another process is syncing it right now" : "the link was deleted"}`;
      } else summary = `query ${link.queryId}: ${"message" in outcome ? outcome.message : outcome.result}`;
      if (outcome.result === "failed") needsAction = true;
      results.push({ linkId: link.id, queryId: link.queryId, result: outcome.result, summary });
      if (!values.json) io.out(summary);
    }
    if (values.json) io.out(JSON.stringify({ links: results }));
    return needsAction ? 2 : 0;
  } finally {
    await store.stop();
  }
}
