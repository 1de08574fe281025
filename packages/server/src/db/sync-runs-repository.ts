// One row per sync attempt series of a link: what happened, IB's error code, and where the time went.
import type { DbExecutor } from "./database.ts";
import type { SyncRunRow } from "./schema.ts";

export type SyncRunStatus = "running" | "succeeded" | "failed";

export interface SyncRun {
  readonly id: string;
  readonly linkId: string;
  readonly status: SyncRunStatus;
  readonly attempts: number;
  readonly ibErrorCode: string | null;
  readonly message: string | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly timings: Readonly<Record<string, number>> | null;
}

function toSyncRun(row: SyncRunRow): SyncRun {
  return {
    id: row.id,
    linkId: row.link_id,
    status: row.status as SyncRunStatus,
    attempts: row.attempts,
    ibErrorCode: row.ib_error_code,
    message: row.message,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    timings: (row.timings as Record<string, number> | null) ?? null,
  };
}

export async function startSyncRun(db: DbExecutor, linkId: string, startedAt?: Date): Promise<SyncRun> {
  const row = await db
    .insertInto("sync_runs")
    .values({
      link_id: linkId,
      status: "running",
      ib_error_code: null,
      message: null,
      finished_at: null,
      timings: null,
      ...(startedAt ? { started_at: startedAt } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSyncRun(row);
}

export async function recordSyncAttempt(
  db: DbExecutor,
  runId: string,
  ibErrorCode: string | null,
): Promise<void> {
  await db
    .updateTable("sync_runs")
    .set((eb) => ({ attempts: eb("attempts", "+", 1), ib_error_code: ibErrorCode }))
    .where("id", "=", runId)
    .execute();
}

export async function finishSyncRun(
  db: DbExecutor,
  runId: string,
  outcome: {
    readonly status: Exclude<SyncRunStatus, "running">;
    readonly ibErrorCode?: string | null;
    readonly message?: string | null;
    readonly timings?: Readonly<Record<string, number>>;
    readonly finishedAt?: Date;
  },
): Promise<void> {
  await db
    .updateTable("sync_runs")
    .set({
      status: outcome.status,
      ...(outcome.ibErrorCode === undefined ? {} : { ib_error_code: outcome.ibErrorCode }),
      message: outcome.message ?? null,
      timings: outcome.timings ? JSON.stringify(outcome.timings) : null,
      finished_at: outcome.finishedAt ?? new Date(),
    })
    .where("id", "=", runId)
    .execute();
}

export async function listSyncRuns(db: DbExecutor, linkId: string, limit = 20): Promise<SyncRun[]> {
  const rows = await db
    .selectFrom("sync_runs")
    .selectAll()
    .where("link_id", "=", linkId)
    .orderBy("started_at", "desc")
    .limit(limit)
    .execute();
  return rows.map(toSyncRun);
}
