// The embedded default: PGlite (Postgres in WASM) inside this process, on a private data dir. There is no
// socket of any kind: Kysely and pg-boss reach it through function calls on one shared session (ADR 0010).
// One process owns a data dir at a time (data-dir-lock.ts): PGlite is a single backend.
import { PGlite } from "@electric-sql/pglite";
import { type DatabaseTimeouts, type Db, openPglite, PGLITE_PARSERS } from "../db/database.ts";
import { acquireDataDirLock } from "./data-dir-lock.ts";
import { ensurePrivateDataDir } from "./private-data-dir.ts";

export interface EmbeddedDatabaseOptions extends DatabaseTimeouts {
  /** Where warnings go (a data dir that was too open, a transaction rolled back for being idle). */
  readonly warn?: (message: string, fields?: Record<string, unknown>) => void;
}

export async function openEmbeddedDatabase(
  dataDir: string,
  options: EmbeddedDatabaseOptions = {},
): Promise<Db> {
  const warn = options.warn ?? (() => {});
  await ensurePrivateDataDir(dataDir, warn);
  const lock = acquireDataDirLock(dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({ dataDir, parsers: PGLITE_PARSERS });
  } catch (error) {
    lock.release();
    throw error;
  }
  const timeoutMs = options.idleTransactionTimeoutMs;
  const db = openPglite(pglite, {
    ...(timeoutMs === undefined ? {} : { idleTransactionTimeoutMs: timeoutMs }),
    onIdleTimeout: (idleTransactionTimeoutMs) =>
      warn("a database transaction sent nothing for too long and was rolled back", {
        idleTransactionTimeoutMs,
      }),
  });
  let closing: Promise<void> | null = null;
  return {
    ...db,
    close() {
      closing ??= db.close().finally(() => lock.release());
      return closing;
    },
  };
}
