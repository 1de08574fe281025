// How CLI commands reach the database: DATABASE_URL when set, else the embedded PGlite in --data-dir
// (default ./data) served on a loopback port — the same path `closeout serve` takes, so a command run while the
// server owns the data dir gets the data-dir lock's clear message instead of a corrupted database.
import { resolve } from "node:path";
import { AppError } from "../app-error.ts";
import { type Db, openPostgres } from "../db/database.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { createUser, findUserByEmail } from "../db/users-repository.ts";
import { startEmbeddedPostgres } from "../embedded/start-embedded-postgres.ts";
import type { CliIo } from "./cli-io.ts";

export interface CliDatabase {
  readonly db: Db;
  close(): Promise<void>;
}

export const DATA_DIR_OPTION = { "data-dir": { type: "string" } } as const;

export async function openCliDatabase(dataDirFlag: string | undefined, io: CliIo): Promise<CliDatabase> {
  const databaseUrl = io.env.DATABASE_URL;
  if (databaseUrl) {
    const db = openPostgres(databaseUrl, { max: 4 });
    await migrateToLatest(db);
    return { db, close: () => db.close() };
  }
  const embedded = await startEmbeddedPostgres(resolve(dataDirFlag ?? io.env.CLOSEOUT_DATA_DIR ?? "data"));
  const db = openPostgres(embedded.url, { max: 4 });
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.close();
    await embedded.stop();
    throw error;
  }
  return {
    db,
    async close() {
      await db.close();
      await embedded.stop();
    },
  };
}

/**
 * The CLI works on behalf of one local user (no password: it cannot log in to the web app). `--user EMAIL`
 * picks an existing web user instead.
 */
export const LOCAL_USER_EMAIL = "local@closeout.invalid";

export async function cliUserId(db: Db, email: string | undefined): Promise<string> {
  const wanted = email ?? LOCAL_USER_EMAIL;
  const existing = await findUserByEmail(db.kysely, wanted);
  if (existing) return existing.id;
  if (email !== undefined && email !== LOCAL_USER_EMAIL) {
    throw new AppError("not-found", `no user with e-mail ${email}`);
  }
  // "!" can never be produced by the password hasher, so this user has no usable password.
  return (await createUser(db.kysely, { email: LOCAL_USER_EMAIL, passwordHash: "!" })).id;
}
