// How CLI commands reach stored data: the same configuration and store as `closeout serve` (DATABASE_URL, else
// the embedded PGlite in --data-dir, default ./data, in-process), so a command run while the server
// owns the data dir gets the data-dir lock's clear message instead of a corrupted database.
import { createJsonLogger } from "../api/logger.ts";
import { AppError } from "../app-error.ts";
import { parseServeConfig, type ServeFlags } from "../config/serve-config.ts";
import type { Db } from "../db/database.ts";
import { createUser, findUserByEmail } from "../db/users-repository.ts";
import { openStore, type Store } from "../runtime/start-runtime.ts";
import type { CliIo } from "./cli-io.ts";

export const DATA_DIR_OPTION = { "data-dir": { type: "string" } } as const;

/** Opens the store for a CLI command; only warnings and errors are logged, to stderr. */
export async function openCliStore(flags: ServeFlags, io: CliIo): Promise<Store> {
  const config = parseServeConfig(io.env, flags);
  return openStore(
    config,
    createJsonLogger((line) => io.err(line), { level: "warn" }),
  );
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
  if (email !== undefined && email !== LOCAL_USER_EMAIL)
    throw new AppError("not-found", `no user with e-mail ${email}`);
  // "!" can never be produced by the password hasher, so this user has no usable password.
  return (await createUser(db.kysely, { email: LOCAL_USER_EMAIL, passwordHash: "!" })).id;
}
