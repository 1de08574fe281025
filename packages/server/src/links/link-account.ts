// Linking an IB account: a live test pull with the token + query id, the same query check as
// `closeout check-query`, and only then anything stored — the link with its token encrypted, the statement
// imported, the first sync recorded. Shared by the HTTP API and `closeout link`. The token never appears in
// an error, a log line or a stored message.
import { randomUUID } from "node:crypto";
import {
  checkQuery,
  type FlexData,
  FlexFormatError,
  listAccounts,
  parseFlex,
  sectionLabel,
} from "@closeout/core";
import { AppError } from "../app-error.ts";
import type { TokenCipher } from "../crypto/token-cipher.ts";
import type { Db } from "../db/database.ts";
import { type ImportFlexResult, importFlexData } from "../db/import-flex-data.ts";
import { createLink, deleteLink, type IbLink, updateLinkStatus } from "../db/links-repository.ts";
import { finishSyncRun, startSyncRun } from "../db/sync-runs-repository.ts";
import type { FlexClient, FlexProgress } from "../flex-client/flex-client.ts";
import { FlexServiceError } from "../flex-client/flex-service-error.ts";
import { nextDailySyncAt } from "../sync/next-sync-at.ts";
import { TRADE_REBUILD } from "../sync/rebuild-account-trades.ts";
import { tokenExpiryWarning } from "../sync/sync-link.ts";

export const TOKEN_WARNING_DAYS = 14;

export interface LinkAccountDeps {
  readonly db: Db;
  readonly flexClient: FlexClient;
  readonly cipher: Pick<TokenCipher, "encrypt">;
  readonly clock: { now(): number };
  /** Cap on the user's stored raw statements, gzip bytes (default raw-statement-quota.ts). */
  readonly rawQuotaBytes?: number;
  /** Told what happened, without secrets (the API's request log). */
  readonly log?: (message: string, fields: Record<string, unknown>) => void;
}

export interface LinkAccountInput {
  readonly userId: string;
  readonly token: string;
  readonly queryId: string;
  readonly tokenExpiresOn?: string | null;
}

export interface LinkAccountResult {
  readonly link: IbLink;
  readonly check: ReturnType<typeof describeCheck>;
  readonly accounts: ReturnType<typeof describeAccounts>;
  readonly imported: ImportFlexResult;
}

export async function linkAccount(
  deps: LinkAccountDeps,
  input: LinkAccountInput,
  onProgress?: (p: FlexProgress | { phase: "importing" }) => void,
): Promise<LinkAccountResult> {
  const { db, flexClient, cipher } = deps;
  const { userId, token, queryId } = input;
  const tokenExpiresOn = input.tokenExpiresOn ?? null;
  const now = () => new Date(deps.clock.now());
  const started = now();
  let xml: string;
  try {
    xml = (await flexClient.fetchStatement({ token, queryId }, onProgress)).xml;
  } catch (error) {
    if (error instanceof FlexServiceError) {
      deps.log?.("link test pull failed", { ibErrorCode: error.ibCode, kind: error.kind });
      throw new AppError("flex-link-failed", error.info.message, { ibErrorCode: error.ibCode });
    }
    throw scrub(error, token);
  }
  let data: FlexData;
  try {
    data = parseFlex(xml);
  } catch (error) {
    if (error instanceof FlexFormatError) {
      throw new AppError("flex-link-failed", `IB sent a statement closeout cannot read: ${error.message}`);
    }
    throw scrub(error, token);
  }
  const check = describeCheck(checkQuery(data));
  if (!check.ok) {
    throw new AppError(
      "flex-query-incomplete",
      `The Flex query needs changes before closeout can use it. ${check.problems.join(" ")}`,
      { check },
    );
  }
  const accounts = describeAccounts(data);
  onProgress?.({ phase: "importing" });
  const linkId = randomUUID();
  const link = await createLink(db.kysely, {
    id: linkId,
    userId,
    queryId,
    token: cipher.encrypt(token, linkId),
    tokenExpiresOn,
  });
  const run = await startSyncRun(db.kysely, link.id, started);
  try {
    const imported = await importFlexData(db, {
      userId,
      linkId: link.id,
      data,
      rawXml: xml,
      rawQuotaBytes: deps.rawQuotaBytes,
      ...TRADE_REBUILD,
    });
    const finished = now();
    const warning = tokenExpiryWarning(tokenExpiresOn, finished, TOKEN_WARNING_DAYS);
    await updateLinkStatus(db.kysely, link.id, {
      status: warning === null ? "active" : ("token-expiring" as "active"),
      statusMessage: warning,
      lastSyncAt: finished,
      nextSyncAt: nextDailySyncAt(finished),
    });
    await finishSyncRun(db.kysely, run.id, {
      status: "succeeded",
      ibErrorCode: null,
      message: `first pull when the link was created: ${imported.executionsAdded} new executions, ${imported.executionsExisting} already stored`,
      finishedAt: finished,
    });
    deps.log?.("link created", { linkId: link.id, executionsAdded: imported.executionsAdded });
    return { link, check, accounts, imported };
  } catch (error) {
    // Nothing of a rejected link stays (the sync run goes with it by cascade).
    await deleteLink(db.kysely, link.id);
    throw scrub(error, token);
  }
}

export function describeAccounts(data: FlexData) {
  return listAccounts(data).map(({ accountId, baseCurrency }) => {
    const executions = data.executions.filter((e) => e.accountId === accountId && !e.isConversion).length;
    const statements = data.statements.filter((s) => s.accountId === accountId);
    const from =
      statements
        .map((s) => s.fromDate)
        .filter((d): d is string => d !== null)
        .sort()[0] ?? null;
    const to =
      statements
        .map((s) => s.toDate)
        .filter((d): d is string => d !== null)
        .sort()
        .at(-1) ?? null;
    const span = from && to ? ` from ${from} to ${to}` : "";
    return {
      accountId,
      baseCurrency,
      executions,
      fromDate: from,
      toDate: to,
      description: `Account ${accountId}${baseCurrency ? ` (base currency ${baseCurrency})` : ""}: ${executions} execution${executions === 1 ? "" : "s"}${span}.`,
    };
  });
}

export function describeCheck(check: ReturnType<typeof checkQuery>) {
  const problems = [
    ...check.missingSections.map(
      (s) =>
        `The query lacks the section "${sectionLabel(s)}": tick it in the query's Sections, then Select All and Save.`,
    ),
    ...check.missingFields.map((f) => `The query lacks the field ${f}.`),
  ];
  return { ...check, problems };
}

/** Whatever went wrong after the token was in hand, its text must not carry the token. */
export function scrub(error: unknown, token: string): unknown {
  if (error instanceof AppError) {
    return error.message.includes(token)
      ? new AppError(error.code, error.message.replaceAll(token, "[token]"), error.details)
      : error;
  }
  if (error instanceof Error && (error.message.includes(token) || error.stack?.includes(token))) {
    return new Error(error.message.replaceAll(token, "[token]"));
  }
  return error;
}
