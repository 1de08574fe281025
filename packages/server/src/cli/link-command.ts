// `closeout link --query-id Q`: links an IB account for the CLI's user with a live test pull, exactly as the
// web app's link wizard does (links/link-account.ts), then runs the first import itself (the same sync the
// queue runs for the web app, under the sync lease) and prints the accounts found.
import { AppError } from "../app-error.ts";
import { deleteLink } from "../db/links-repository.ts";
import { linkAccount } from "../links/link-account.ts";
import { syncLink } from "../sync/sync-link.ts";
import type { CliIo } from "./cli-io.ts";
import { cliUserId, DATA_DIR_OPTION, openCliStore } from "./open-cli-database.ts";
import { parseCliArgs } from "./parse-cli-args.ts";
import { describeProgress } from "./progress-line.ts";
import { readToken, refuseTokenArgument } from "./read-token.ts";

export async function linkCommand(args: string[], io: CliIo): Promise<number> {
  refuseTokenArgument(args);
  const { values } = parseCliArgs("link", args, {
    "query-id": { type: "string" },
    "token-file": { type: "string" },
    "token-expires": { type: "string" },
    "flex-base-url": { type: "string" },
    user: { type: "string" },
    json: { type: "boolean" },
    ...DATA_DIR_OPTION,
  });
  const queryId = values["query-id"]?.trim();
  if (!queryId || !/^\d{1,12}$/.test(queryId)) {
    throw new AppError(
      "usage",
      "link: give --query-id with the numeric Query ID of your Activity Flex Query",
    );
  }
  const expires = values["token-expires"];
  if (expires !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(expires)) {
    throw new AppError("usage", "link: --token-expires must be yyyy-MM-dd");
  }
  const token = await readToken(values["token-file"], io);
  const store = await openCliStore(values, io);
  try {
    const userId = await cliUserId(store.db, values.user);
    const result = await linkAccount(
      { ...store, clock: { now: () => Date.now() } },
      { userId, token, queryId, tokenExpiresOn: expires ?? null },
      (p) => io.err(describeProgress(p)),
    );
    const outcome = await syncLink(store, result.link.id, {
      lastAttempt: true,
      onProgress: (p) => io.err(describeProgress(p)),
    });
    if (outcome.result !== "imported") {
      // No queue retries a CLI link: nothing of it stays, as when the test pull fails.
      await deleteLink(store.db.kysely, result.link.id);
      throw new AppError(
        outcome.result === "failed" && outcome.linkStatus === "query-invalid"
          ? "flex-query-incomplete"
          : "flex-link-failed",
        "message" in outcome ? outcome.message : `the first import did not run (${outcome.result})`,
      );
    }
    const imported = outcome.import;
    if (values.json) {
      io.out(
        JSON.stringify({
          linkId: result.link.id,
          accounts: result.accounts,
          check: result.check,
          import: imported,
        }),
      );
    } else {
      io.out("Linked. closeout will sync this query daily.");
      for (const a of result.accounts) io.out(`  ${a.description}`);
      for (const w of result.check?.warnings ?? []) io.out(`  ! ${w}`);
      io.out(`${imported.executionsAdded} executions stored, ${imported.tradesRebuilt ?? 0} trades built.`);
    }
    return 0;
  } finally {
    await store.stop();
  }
}
