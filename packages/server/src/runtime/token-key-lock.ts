// On PostgreSQL several processes share the tokens. Each one that opens the store holds this advisory lock
// shared, for its whole life, on a connection of its own; `closeout rotate-key` needs it exclusively. So no
// process keeps using (or writing with) a key that a rotation replaced under it. The embedded database needs
// no such lock: its data-dir lock already admits one process.
import pg from "pg";
import { AppError } from "../app-error.ts";

/** Arbitrary but fixed: "closeout token key". */
const TOKEN_KEY_LOCK = 7_426_019_212;

export interface TokenKeyLock {
  release(): Promise<void>;
}

export async function takeTokenKeyLock(
  databaseUrl: string,
  mode: "shared" | "exclusive",
  onLost: (error: Error) => void,
): Promise<TokenKeyLock> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on("error", onLost);
  await client.connect();
  try {
    const fn = mode === "shared" ? "pg_try_advisory_lock_shared" : "pg_try_advisory_lock";
    const { rows } = await client.query<{ ok: boolean }>(`select ${fn}($1) as ok`, [TOKEN_KEY_LOCK]);
    if (rows[0]?.ok !== true) {
      throw new AppError(
        "config",
        mode === "shared"
          ? "a token key rotation (closeout rotate-key) is running on this database; start again when it has finished"
          : "other closeout processes (serve, worker or a command) are using this database: stop them all, run rotate-key, then start them with the new key",
      );
    }
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
  return { release: () => client.end() };
}
