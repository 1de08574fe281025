// A new link's first import (migration 2026-12-07): its progress, shown by the link wizard while the queue
// runs it, and the statement the link request already pulled and checked, so the job need not pull again.
// The statement is kept gzipped until it is imported; the token is never part of it.
import type { DbExecutor } from "./database.ts";
import { gunzipOffThread, gzipOffThread } from "./zlib-off-thread.ts";

export type LinkImportState = "queued" | "pulling" | "importing" | "retrying" | "done" | "failed";

export interface LinkImport {
  readonly state: LinkImportState;
  /** Executions in the pulled statement, once it is in hand. */
  readonly statementExecutions: number | null;
  readonly executionsAdded: number | null;
  readonly executionsExisting: number | null;
  /** Closed trades built, once done. */
  readonly trades: number | null;
  /** Tries the queue has made. */
  readonly attempts: number;
  /** What went wrong and what happens next (retrying, failed), or why the import is queued without a statement. */
  readonly message: string | null;
  readonly updatedAt: string;
}

/** Records a new link's import as queued, with the statement its link request pulled (or none, to pull). */
export async function queueLinkImport(
  db: DbExecutor,
  linkId: string,
  first: { xml: string; executions: number } | { xml: null; message: string },
): Promise<LinkImport> {
  const gzip = first.xml === null ? null : await gzipOffThread(Buffer.from(first.xml, "utf8"), 1);
  const row = await db
    .insertInto("link_imports")
    .values({
      link_id: linkId,
      state: "queued",
      statement_gzip: gzip,
      statement_executions: first.xml === null ? null : first.executions,
      executions_added: null,
      executions_existing: null,
      trades: null,
      message: first.xml === null ? first.message : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toLinkImport(row);
}

export async function findLinkImport(db: DbExecutor, linkId: string): Promise<LinkImport | null> {
  const row = await db
    .selectFrom("link_imports")
    .select(COLUMNS)
    .where("link_id", "=", linkId)
    .executeTakeFirst();
  return row === undefined ? null : toLinkImport(row);
}

/** The statement the link request pulled, if the job has not imported it yet. */
export async function loadLinkImportStatement(db: DbExecutor, linkId: string): Promise<string | null> {
  const row = await db
    .selectFrom("link_imports")
    .select("statement_gzip")
    .where("link_id", "=", linkId)
    .executeTakeFirst();
  if (!row?.statement_gzip) return null;
  const bytes = row.statement_gzip;
  const buffer = Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return (await gunzipOffThread(buffer)).toString("utf8");
}

export async function updateLinkImport(
  db: DbExecutor,
  linkId: string,
  update: {
    readonly state: LinkImportState;
    readonly statementExecutions?: number;
    readonly executionsAdded?: number;
    readonly executionsExisting?: number;
    readonly trades?: number | null;
    readonly attempts?: number;
    readonly message?: string | null;
  },
): Promise<void> {
  await db
    .updateTable("link_imports")
    .set({
      state: update.state,
      updated_at: new Date(),
      ...(update.statementExecutions === undefined
        ? {}
        : { statement_executions: update.statementExecutions }),
      ...(update.executionsAdded === undefined ? {} : { executions_added: update.executionsAdded }),
      ...(update.executionsExisting === undefined ? {} : { executions_existing: update.executionsExisting }),
      ...(update.trades === undefined ? {} : { trades: update.trades }),
      ...(update.attempts === undefined ? {} : { attempts: update.attempts }),
      ...(update.message === undefined ? {} : { message: update.message }),
      // Once imported, the kept statement is the raw statement's business.
      ...(update.state === "done" ? { statement_gzip: null } : {}),
    })
    .where("link_id", "=", linkId)
    .execute();
}

const COLUMNS = [
  "state",
  "statement_executions",
  "executions_added",
  "executions_existing",
  "trades",
  "attempts",
  "message",
  "updated_at",
] as const;

function toLinkImport(row: {
  state: string;
  statement_executions: number | null;
  executions_added: number | null;
  executions_existing: number | null;
  trades: number | null;
  attempts: number;
  message: string | null;
  updated_at: Date;
}): LinkImport {
  return {
    state: row.state as LinkImportState,
    statementExecutions: row.statement_executions,
    executionsAdded: row.executions_added,
    executionsExisting: row.executions_existing,
    trades: row.trades,
    attempts: row.attempts,
    message: row.message,
    updatedAt: row.updated_at.toISOString(),
  };
}
