// Raw Flex statements are kept (gzip, by content hash) so trades can be rebuilt when the rules improve.
import { gunzipSync } from "node:zlib";
import type { DbExecutor } from "./database.ts";

export interface RawStatementInfo {
  readonly id: string;
  readonly sha256: string;
  readonly byteLength: number;
  readonly fromDate: string | null;
  readonly toDate: string | null;
  readonly importedAt: string;
}

export async function listRawStatements(db: DbExecutor, userId: string): Promise<RawStatementInfo[]> {
  const rows = await db
    .selectFrom("raw_statements")
    .select(["id", "sha256", "byte_length", "from_date", "to_date", "imported_at"])
    .where("user_id", "=", userId)
    .orderBy("seq")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    sha256: r.sha256,
    byteLength: r.byte_length,
    fromDate: r.from_date,
    toDate: r.to_date,
    importedAt: r.imported_at.toISOString(),
  }));
}

/** The statement's XML exactly as received, or null when it is not the user's. */
export async function readRawStatement(
  db: DbExecutor,
  userId: string,
  statementId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom("raw_statements")
    .select("content_gzip")
    .where("id", "=", statementId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row ? gunzipSync(row.content_gzip).toString("utf8") : null;
}
