// One sync of one IB link: fetch the Flex statement, parse it, import it in one transaction (raw XML, rows,
// rebuilt trades), and record what happened on the link and in sync_runs. A statement that cannot be read,
// or that belongs to another user's account, is rejected whole: nothing is stored.
// A new link's first import is such a sync too (queued by the link request): it imports the statement the
// link request already pulled and checked when there is one, and records its progress in link_imports.
import { checkQuery, type FlexData, FlexFormatError, parseFlex } from "@closeout/core";
import { AppError } from "../app-error.ts";
import type { TokenCipher } from "../crypto/token-cipher.ts";
import type { Db } from "../db/database.ts";
import { type ImportFlexResult, importFlexData } from "../db/import-flex-data.ts";
import {
  findLinkImport,
  type LinkImportState,
  loadLinkImportStatement,
  updateLinkImport,
} from "../db/link-imports-repository.ts";
import { findLink, type IbLink, loadLinkToken } from "../db/links-repository.ts";
import { finishSyncRun } from "../db/sync-runs-repository.ts";
import type { FlexClient, FlexProgress } from "../flex-client/flex-client.ts";
import { describeCheck, queryIncomplete } from "../links/describe-query-check.ts";
import { claimSyncRun } from "./claim-sync-run.ts";
import type { SyncLinkStatus } from "./link-status.ts";
import { type DailySchedule, nextDailySyncAt } from "./next-sync-at.ts";
import { rebuildAccountTrades, TRADE_REBUILD } from "./rebuild-account-trades.ts";
import { classifySyncFailure, type SyncFailure } from "./sync-failure.ts";
import { holdSyncLease, type SyncLease } from "./sync-lease.ts";
import type { SyncsInFlight } from "./syncs-in-flight.ts";

export interface SyncProgress {
  readonly linkId: string;
  readonly phase: FlexProgress["phase"] | "parsing" | "importing" | "finished";
  /** GetStatement poll number while IB generates the statement. */
  readonly poll?: number;
  readonly executions?: number;
}

export interface SyncDeps {
  readonly db: Db;
  readonly flexClient: FlexClient;
  readonly cipher: Pick<TokenCipher, "decrypt">;
  readonly clock?: { now(): number };
  readonly schedule?: DailySchedule;
  /** Days before the token's expiry date from which the link shows a warning (default 14). */
  readonly tokenWarningDays?: number;
  /** Rebuild step inside the import transaction (default: rebuild the accounts' trades with core). */
  readonly rebuild?: typeof rebuildAccountTrades | null;
  /** How long a sync holds its link between renewals (default SYNC_LEASE_MS); a lapsed lease is abandoned. */
  readonly syncLeaseMs?: number;
  /** Where the process keeps its running syncs, so a hurried shutdown can release them. */
  readonly inFlight?: SyncsInFlight;
  /** Cap on the user's stored raw statements, gzip bytes (default raw-statement-quota.ts). */
  readonly rawQuotaBytes?: number;
  readonly onProgress?: (progress: SyncProgress) => void;
}

export interface SyncOptions {
  /** 1 for the first try; the queue passes its retry count + 1. */
  readonly attempt?: number;
  /** False while the queue will still retry a transient failure. */
  readonly lastAttempt?: boolean;
  /** The queue job running this sync, recorded on the run so a takeover can cancel it. */
  readonly jobId?: string;
  readonly onProgress?: (progress: SyncProgress) => void;
}

export type SyncOutcome =
  | {
      readonly result: "imported";
      readonly linkId: string;
      readonly runId: string;
      readonly linkStatus: SyncLinkStatus;
      readonly message: string | null;
      readonly import: ImportFlexResult;
    }
  | {
      /** "retry": transient; the queue retries (after retryAfterMs when IB asked for a pause). */
      readonly result: "failed" | "retry";
      readonly linkId: string;
      readonly runId: string;
      readonly linkStatus: SyncLinkStatus;
      readonly message: string;
      readonly ibErrorCode: string | null;
      readonly retryAfterMs: number | null;
    }
  /** "busy": another worker is syncing this link right now; "missing": the link was deleted. */
  | { readonly result: "busy" | "missing"; readonly linkId: string };

const DAY_MS = 86_400_000;

export async function syncLink(
  deps: SyncDeps,
  linkId: string,
  options: SyncOptions = {},
): Promise<SyncOutcome> {
  const { db } = deps;
  const now = () => new Date((deps.clock ?? Date).now());
  const report = (p: Omit<SyncProgress, "linkId">) => {
    const progress = { linkId, ...p };
    deps.onProgress?.(progress);
    options.onProgress?.(progress);
  };
  const attempt = options.attempt ?? 1;
  const lastAttempt = options.lastAttempt ?? true;
  const started = now();
  const timings: Record<string, number> = {};
  const time = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      timings[`${name}Ms`] = Math.round(performance.now() - t0);
    }
  };

  const link = await findLink(db.kysely, linkId);
  if (link === null) return { result: "missing", linkId };
  const leaseMs = deps.syncLeaseMs === undefined ? {} : { leaseMs: deps.syncLeaseMs };
  const runId = await claimSyncRun(db, linkId, {
    startedAt: started,
    attempt,
    jobId: options.jobId ?? null,
    ...leaseMs,
  });
  if (runId === null) return { result: "busy", linkId };
  const lease = holdSyncLease(
    db,
    { runId, linkId, jobId: options.jobId ?? null },
    { ...leaseMs, now: () => now().getTime() },
  );
  deps.inFlight?.add(lease);
  try {
    return await syncClaimedLink(deps, link, lease, { report, started, time, timings, now, lastAttempt });
  } finally {
    lease.end();
    deps.inFlight?.delete(runId);
  }
}

async function syncClaimedLink(
  deps: SyncDeps,
  link: IbLink,
  lease: SyncLease,
  ctx: {
    report: (p: Omit<SyncProgress, "linkId">) => void;
    started: Date;
    time: <T>(name: string, work: () => Promise<T> | T) => Promise<T>;
    timings: Record<string, number>;
    now: () => Date;
    lastAttempt: boolean;
  },
): Promise<SyncOutcome> {
  const { db } = deps;
  const { report, started, time, timings, now, lastAttempt } = ctx;
  const { runId, linkId } = lease;
  let token: string | null = null;
  // A link whose first import has not succeeded yet: its progress is the link wizard's to show.
  const firstImport = await findLinkImport(db.kysely, linkId);
  const first = firstImport !== null && firstImport.state !== "done";
  const attempts = (firstImport?.attempts ?? 0) + 1;
  const progress = async (
    state: LinkImportState,
    fields: Omit<Parameters<typeof updateLinkImport>[2], "state" | "attempts"> = {},
  ) => {
    if (first) await updateLinkImport(db.kysely, linkId, { state, attempts, ...fields });
  };
  try {
    const sealed = await loadLinkToken(db.kysely, linkId);
    if (sealed === null) return { result: "missing", linkId };
    token = deps.cipher.decrypt(sealed, linkId);
    const credentials = { token, queryId: link.queryId };
    const kept = first ? await loadLinkImportStatement(db.kysely, linkId) : null;
    let xml: string;
    if (kept !== null) xml = kept;
    else {
      await progress("pulling", { message: null });
      const fetched = await time("fetch", () =>
        untilAborted(
          lease.signal,
          deps.flexClient.fetchStatement(credentials, (p) => report({ phase: p.phase, poll: p.poll })),
        ),
      );
      xml = fetched.xml;
      timings.polls = fetched.polls;
    }
    report({ phase: "parsing" });
    const data = await time("parse", () => parseStatement(xml));
    // The link request could not check the query (IB did not answer it then): the first pull does.
    if (first && kept === null) {
      const check = describeCheck(checkQuery(data));
      if (!check.ok) {
        const refusal = queryIncomplete(check);
        throw new AppError("flex-query-incomplete", refusal.message, refusal.details);
      }
    }
    // Taken over (this worker's lease lapsed) or released: the run is no longer this worker's to import.
    if (!(await lease.renew())) return { result: "busy", linkId };
    report({ phase: "importing", executions: data.executions.length });
    await progress("importing", { statementExecutions: data.executions.length, message: null });
    const rebuild = deps.rebuild === undefined ? rebuildAccountTrades : deps.rebuild;
    const imported = await time("import", () =>
      importFlexData(db, {
        userId: link.userId,
        linkId,
        data,
        rawXml: xml,
        rawQuotaBytes: deps.rawQuotaBytes,
        ...(rebuild === null ? {} : rebuild === rebuildAccountTrades ? TRADE_REBUILD : { rebuild }),
      }),
    );
    timings.totalMs = now().getTime() - started.getTime();

    const finished = now();
    const expiry = tokenExpiryWarning(link.tokenExpiresOn, finished, deps.tokenWarningDays ?? 14);
    const linkStatus: SyncLinkStatus = expiry === null ? "active" : "token-expiring";
    await setLinkState(db, linkId, {
      status: linkStatus,
      message: expiry,
      lastSyncAt: finished,
      nextSyncAt: nextDailySyncAt(finished, deps.schedule),
    });
    const added = imported.executionsAdded;
    await finishSyncRun(db.kysely, runId, {
      status: "succeeded",
      ibErrorCode: null,
      message: `${added} new execution${added === 1 ? "" : "s"}, ${imported.executionsExisting} already stored`,
      timings,
      finishedAt: finished,
    });
    await progress("done", {
      executionsAdded: added,
      executionsExisting: imported.executionsExisting,
      trades: imported.tradesRebuilt,
      message: expiry,
    });
    report({ phase: "finished", executions: added });
    return { result: "imported", linkId, runId, linkStatus, message: expiry, import: imported };
  } catch (error) {
    if (lease.lost) return { result: "busy", linkId };
    const failure = classifySyncFailure(error, { lastAttempt, redact: token });
    const finished = now();
    timings.totalMs = finished.getTime() - started.getTime();
    const stopped = failure.retry === "never";
    await setLinkState(db, linkId, {
      status: failure.linkStatus,
      message: failure.message,
      // A stopped link waits for the user; others keep their daily slot (the queue retries sooner).
      nextSyncAt: stopped ? null : nextDailySyncAt(finished, deps.schedule),
    });
    await finishSyncRun(db.kysely, runId, {
      status: "failed",
      ibErrorCode: failure.ibErrorCode,
      message: failure.message,
      timings,
      finishedAt: finished,
    });
    const outcome = failureOutcome(linkId, runId, failure, lastAttempt);
    // The run's own record above is what counts; a missed progress note only leaves the wizard a step behind.
    await progress(outcome.result === "retry" ? "retrying" : "failed", { message: failure.message }).catch(
      () => {},
    );
    return outcome;
  }
}

function failureOutcome(
  linkId: string,
  runId: string,
  failure: SyncFailure,
  lastAttempt: boolean,
): SyncOutcome {
  // A throttled sync is always put back after the pause: IB asked for it, and it costs no backoff step.
  const retry = failure.retry === "after-pause" || (failure.retry === "backoff" && !lastAttempt);
  return {
    result: retry ? "retry" : "failed",
    linkId,
    runId,
    linkStatus: failure.linkStatus,
    message: failure.message,
    ibErrorCode: failure.ibErrorCode,
    retryAfterMs: failure.retry === "after-pause" ? failure.retryAfterMs : null,
  };
}

/** The work's result, or a rejection as soon as `signal` aborts (the work itself is left to end on its own). */
function untilAborted<T>(signal: AbortSignal, work: Promise<T>): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** Core's parser throws FlexFormatError for unusable documents; a document with no statement is one too. */
function parseStatement(xml: string): FlexData {
  const data = parseFlex(xml);
  if (data.statements.length === 0) {
    throw new FlexFormatError("not-flex-statement", "IB's answer holds no FlexStatement");
  }
  return data;
}

/** A warning text when the token expires within `days` of `now` (or has already expired). */
export function tokenExpiryWarning(expiresOn: string | null, now: Date, days: number): string | null {
  if (expiresOn === null) return null;
  const expiresAt = Date.parse(`${expiresOn}T00:00:00Z`);
  if (Number.isNaN(expiresAt)) return null;
  const left = Math.ceil((expiresAt - now.getTime()) / DAY_MS);
  if (left > days) return null;
  const when =
    left <= 0
      ? `expired on ${expiresOn}`
      : `expires on ${expiresOn} (in ${left} day${left === 1 ? "" : "s"})`;
  return `The Flex token ${when}. Generate a new token under Flex Web Service in IB's settings and update the link.`;
}

async function setLinkState(
  db: Db,
  linkId: string,
  state: { status: SyncLinkStatus; message: string | null; lastSyncAt?: Date; nextSyncAt: Date | null },
): Promise<void> {
  await db.kysely
    .updateTable("ib_links")
    .set({
      status: state.status,
      status_message: state.message,
      next_sync_at: state.nextSyncAt,
      ...(state.lastSyncAt === undefined ? {} : { last_sync_at: state.lastSyncAt }),
    })
    .where("id", "=", linkId)
    .execute();
}
