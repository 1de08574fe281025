// Readiness probe of the database with a deadline. A database that hangs (a lock, an exhausted pool, the
// embedded database's one connection held by a transaction) leaves the query pending; at most one probe is
// pending at a time, so a probe every few seconds cannot pile up queries behind the hang.
import { sql } from "kysely";
import type { Db } from "../db/database.ts";

export type ProbeResult = "ready" | "timeout" | "error";

export function createDatabaseProbe(db: Db, timeoutMs: number): () => Promise<ProbeResult> {
  let pending: Promise<ProbeResult> | null = null;
  return () => {
    pending ??= sql`select 1`
      .execute(db.kysely)
      .then(
        () => "ready" as const,
        () => "error" as const,
      )
      .finally(() => {
        pending = null;
      });
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<ProbeResult>((resolve) => {
      timer = setTimeout(() => resolve("timeout"), timeoutMs);
    });
    return Promise.race([pending, deadline]).finally(() => clearTimeout(timer));
  };
}
