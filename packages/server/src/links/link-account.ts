// Linking an IB account: a live test pull with the token + query id and the same query check as
// `closeout check-query`, so the user learns at once whether the query is usable; then the link is stored
// (token encrypted) with its first import queued: the statement just pulled is kept (gzipped) for the sync
// job, which imports it under the sync lease like any sync (sync/sync-link.ts). When IB does not answer the
// test pull for a passing reason, the link is stored all the same and the job pulls and checks the query
// itself, retried by the queue. Shared by the HTTP API and `closeout link`. The token never appears in an
// error, a log line, a job payload or a stored message.
import { randomUUID } from "node:crypto";
import { checkQuery, type FlexData, FlexFormatError, parseFlex } from "@closeout/core";
import { AppError } from "../app-error.ts";
import type { TokenCipher } from "../crypto/token-cipher.ts";
import type { Db } from "../db/database.ts";
import { type LinkImport, queueLinkImport } from "../db/link-imports-repository.ts";
import { createLink, deleteLink, type IbLink } from "../db/links-repository.ts";
import type { FlexClient, FlexProgress } from "../flex-client/flex-client.ts";
import { FlexServiceError } from "../flex-client/flex-service-error.ts";
import { describeAccounts, describeCheck, queryIncomplete } from "./describe-query-check.ts";

export { describeAccounts, describeCheck } from "./describe-query-check.ts";

export const TOKEN_WARNING_DAYS = 14;

/** A link whose job has not run yet is queued again by the schedule after this long (a lost enqueue). */
const FIRST_IMPORT_BACKSTOP_MS = 15 * 60_000;

export interface LinkAccountDeps {
  readonly db: Db;
  readonly flexClient: FlexClient;
  readonly cipher: Pick<TokenCipher, "encrypt">;
  readonly clock: { now(): number };
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
  /** The test pull's query check; null when IB did not answer it and the import job checks instead. */
  readonly check: ReturnType<typeof describeCheck> | null;
  readonly accounts: ReturnType<typeof describeAccounts>;
  /** The first import, queued: the caller hands the link to the queue (or runs the sync itself). */
  readonly import: LinkImport;
}

export async function linkAccount(
  deps: LinkAccountDeps,
  input: LinkAccountInput,
  onProgress?: (p: FlexProgress) => void,
): Promise<LinkAccountResult> {
  const { db, flexClient, cipher } = deps;
  const { userId, token, queryId } = input;
  let pulled: { xml: string; data: FlexData } | { xml: null; message: string };
  try {
    const { xml } = await flexClient.fetchStatement({ token, queryId }, onProgress);
    pulled = { xml, data: parseStatement(xml) };
  } catch (error) {
    if (error instanceof FlexServiceError && error.retry !== "fatal") {
      deps.log?.("link test pull deferred", { ibErrorCode: error.ibCode, kind: error.kind });
      pulled = { xml: null, message: deferredMessage(error) };
    } else if (error instanceof FlexServiceError) {
      deps.log?.("link test pull failed", { ibErrorCode: error.ibCode, kind: error.kind });
      throw new AppError("flex-link-failed", error.info.message, { ibErrorCode: error.ibCode });
    } else throw scrub(error, token);
  }
  const check = pulled.xml === null ? null : describeCheck(checkQuery(pulled.data));
  if (check !== null && !check.ok) {
    const refusal = queryIncomplete(check);
    throw new AppError("flex-query-incomplete", refusal.message, refusal.details);
  }
  const linkId = randomUUID();
  const link = await createLink(db.kysely, {
    id: linkId,
    userId,
    queryId,
    token: cipher.encrypt(token, linkId),
    tokenExpiresOn: input.tokenExpiresOn ?? null,
    nextSyncAt: new Date(deps.clock.now() + FIRST_IMPORT_BACKSTOP_MS),
  });
  try {
    const queued = await queueLinkImport(
      db.kysely,
      link.id,
      pulled.xml === null
        ? { xml: null, message: pulled.message }
        : { xml: pulled.xml, executions: pulled.data.executions.length },
    );
    deps.log?.("link created, first import queued", { linkId: link.id, pulled: pulled.xml !== null });
    return {
      link,
      check,
      accounts: pulled.xml === null ? [] : describeAccounts(pulled.data),
      import: queued,
    };
  } catch (error) {
    await deleteLink(db.kysely, link.id);
    throw scrub(error, token);
  }
}

function parseStatement(xml: string): FlexData {
  try {
    return parseFlex(xml);
  } catch (error) {
    if (error instanceof FlexFormatError) {
      throw new AppError("flex-link-failed", `IB sent a statement closeout cannot read: ${error.message}`);
    }
    throw error;
  }
}

/** IB's passing trouble in words that say what happens next: the queue, not the user, tries again. */
function deferredMessage(error: FlexServiceError): string {
  const said = error.message.replace(/;? ?closeout will try again later\.?$/, "").replace(/\.$/, "");
  return `IB did not answer the test pull (${said}). The link is saved and closeout keeps trying in the background; the query is checked as soon as IB answers.`;
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
