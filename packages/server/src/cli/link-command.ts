// `closeout link --query-id Q`: links an IB account for the CLI's user with a live test pull, exactly as the
// web app's link wizard does (links/link-account.ts), then prints the accounts found.
import { AppError } from "../app-error.ts";
import { linkAccount } from "../links/link-account.ts";
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
    if (values.json) {
      io.out(
        JSON.stringify({
          linkId: result.link.id,
          accounts: result.accounts,
          check: result.check,
          import: result.imported,
        }),
      );
    } else {
      io.out("Linked. closeout will sync this query daily.");
      for (const a of result.accounts) io.out(`  ${a.description}`);
      for (const w of result.check.warnings) io.out(`  ! ${w}`);
      io.out(
        `${result.imported.executionsAdded} executions stored, ${result.imported.tradesRebuilt ?? 0} trades built.`,
      );
    }
    return 0;
  } finally {
    await store.stop();
  }
}
