// The embedded default: PGlite (Postgres in WASM) in a data dir, served on a loopback port with
// pglite-socket, so the rest of closeout — Kysely over `pg`, and pg-boss — runs the same code as on a
// PostgreSQL server. One process owns a data dir at a time (see data-dir-lock.ts).
import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { acquireDataDirLock } from "./data-dir-lock.ts";

export interface EmbeddedPostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  readonly url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Connections the socket server accepts: the app's pool plus pg-boss's (default 40). */
  readonly maxConnections?: number;
}

export async function startEmbeddedPostgres(
  dataDir: string,
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedPostgres> {
  await mkdir(dataDir, { recursive: true });
  const lock = acquireDataDirLock(dataDir);
  let db: PGlite | null = null;
  let server: PGLiteSocketServer | null = null;
  try {
    db = await PGlite.create({ dataDir });
    server = new PGLiteSocketServer({
      db,
      port: 0,
      host: "127.0.0.1",
      maxConnections: options.maxConnections ?? 40,
    });
    await server.start();
  } catch (error) {
    await server?.stop().catch(() => {});
    await db?.close().catch(() => {});
    lock.release();
    throw error;
  }
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;
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
