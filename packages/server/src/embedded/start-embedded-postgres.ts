// The embedded default: PGlite (Postgres in WASM) in a data dir, served on a loopback port (serve-pglite.ts),
// so the rest of closeout — Kysely over `pg`, and pg-boss — runs the same code as on a PostgreSQL server.
// One process owns a data dir at a time (see data-dir-lock.ts).
import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { acquireDataDirLock } from "./data-dir-lock.ts";
import { type PgliteServer, servePglite } from "./serve-pglite.ts";

export interface EmbeddedPostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  readonly url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Connections the socket server accepts: the app's pool plus pg-boss's (default 100). */
  readonly maxConnections?: number;
}

export async function startEmbeddedPostgres(
  dataDir: string,
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgres> {
  await mkdir(dataDir, { recursive: true });
  const lock = acquireDataDirLock(dataDir);
  let db: PGlite | null = null;
  let server: PgliteServer | null = null;
  try {
    db = await PGlite.create({ dataDir });
    server = await servePglite(db, {
      host: "127.0.0.1",
      port: 0,
      maxConnections: options.maxConnections ?? 100,
    });
  } catch (error) {
    await server?.stop().catch(() => {});
    await db?.close().catch(() => {});
    lock.release();
    throw error;
  }
  const url = `postgres://postgres@${server.address}/postgres`;
  let stopping: Promise<void> | null = null;
  const [pglite, socketServer] = [db, server];
  return {
    url,
    stop() {
      stopping ??= (async () => {
        try {
          await socketServer.stop();
          await pglite.close();
        } finally {
          lock.release();
        }
      })();
      return stopping;
    },
  };
}
