// Each user's stored raw statements (gzip bytes) are capped, so one account cannot fill the disk with uploads
// or an endless series of distinct statements. Checked inside the import's transaction, so a refused import
// stores nothing; a statement already stored (same bytes) is not stored again and so never counts twice.
import { sql } from "kysely";
import { AppError } from "../app-error.ts";
import type { DbExecutor } from "./database.ts";

/** Years of daily 365-day statements of an active trader fit (a statement of 10k trades is ~1 MB gzipped). */
export const DEFAULT_RAW_QUOTA_MB = 1024;
export const DEFAULT_RAW_QUOTA_BYTES = DEFAULT_RAW_QUOTA_MB * 1024 * 1024;

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** The gzip bytes of the user's stored statements other than `exceptStatementId`. */
export async function rawBytesStored(
  db: DbExecutor,
  userId: string,
  exceptStatementId: string | null = null,
): Promise<number> {
  // octet_length reads a TOASTed value's stored size from its header, without decompressing it.
  const row = await db
    .selectFrom("raw_statements")
    .select(sql<string>`coalesce(sum(octet_length(content_gzip)), 0)::text`.as("used"))
    .where("user_id", "=", userId)
    .$if(exceptStatementId !== null, (q) => q.where("id", "<>", exceptStatementId!))
    .executeTakeFirst();
  return Number(row?.used ?? 0);
}

/**
 * Refuses, with `raw-quota-exceeded`, a new statement of `addedBytes` (gzip) that would take the user's
 * stored statements past `quotaBytes`. Imports of one user are serialised here (a transaction-scoped lock),
 * so two parallel uploads cannot both slip under the cap.
 */
export async function checkRawQuota(
  tx: DbExecutor,
  userId: string,
  statementId: string,
  addedBytes: number,
  quotaBytes: number = DEFAULT_RAW_QUOTA_BYTES,
): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`closeout:raw-quota:${userId}`}, 0))`.execute(tx);
  const used = await rawBytesStored(tx, userId, statementId);
  if (used + addedBytes <= quotaBytes) return;
  throw new AppError(
    "raw-quota-exceeded",
    `this statement (${mb(addedBytes)} compressed) would take your stored statements past their quota of ` +
      `${mb(quotaBytes)} (${mb(used)} used); nothing was imported`,
  );
}
