// Opens the database: PGlite in-process on a data dir (embedded default; no socket, ADR 0010) or PostgreSQL
// through a pg Pool (DATABASE_URL).
// Both read numeric, int8 and date columns back as strings, so no amount ever passes through a JS float.
import { PGlite, types as pgliteTypes } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, type Transaction } from "kysely";
import pg from "pg";
import { PgliteDialect } from "./pglite-dialect.ts";
import { pgliteQueueDb } from "./pglite-queue-db.ts";
import { createPgliteSession } from "./pglite-session.ts";
import { createPostgresPool, kyselyPool } from "./postgres-pool.ts";
import type { Schema } from "./schema.ts";

/** An in-memory PGlite, or PostgreSQL. The embedded data dir is opened by embedded/open-embedded-database.ts. */
export type DatabaseConfig = DatabaseTimeouts | ({ readonly databaseUrl: string } & DatabaseTimeouts);

export interface DatabaseTimeouts {
  /** A transaction that sends nothing for this long is rolled back (default 60 s), on both databases. */
  readonly idleTransactionTimeoutMs?: number;
  /** PostgreSQL only: the longest one statement may run (default 5 min). */
  readonly statementTimeoutMs?: number;
}

export type DbKind = "pglite" | "postgres";

/** Kysely over the schema, or a transaction of it: repositories accept either. */
export type DbExecutor = Kysely<Schema> | Transaction<Schema>;

/** What pg-boss is given as its `db` option: it then opens no pool of its own. */
export interface QueueDb {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  close(): Promise<void>;
}

export interface Db {
  readonly kind: DbKind;
  readonly kysely: Kysely<Schema>;
  /**
   * pg-boss's way to this database: on PGlite, turns on the same one session as `kysely` (so a queue statement
   * never lands inside a transaction, nor the other way round); on PostgreSQL, a pool of its own.
   */
  openQueueDb(options: { max: number; onError?: (error: Error) => void }): QueueDb;
  close(): Promise<void>;
}

const keepText = (value: string): string => value;

/**
 * bytea as a Buffer, as pg gives it. PGlite's own parser reads the hex text (bytea_output's default, which
 * closeout never changes) one byte at a time through `parseInt`: slow for a stored book of megabytes.
 */
const parseBytea = (hex: string): Buffer => Buffer.from(hex.slice(2), "hex");

/**
 * PGlite parsers: exact numbers and plain dates stay text (its defaults turn int8 into numbers, dates into
 * Dates); bytea is decoded natively.
 */
export const PGLITE_PARSERS = {
  [pgliteTypes.NUMERIC]: keepText,
  [pgliteTypes.INT8]: keepText,
  [pgliteTypes.DATE]: keepText,
  [pgliteTypes.BYTEA]: parseBytea,
};

const PG_TEXT_TYPES = new Set<number>([
  pg.types.builtins.NUMERIC,
  pg.types.builtins.INT8,
  pg.types.builtins.DATE,
]);

/** Per-pool type parsers, so the process-wide pg defaults are left alone. */
const pgTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (PG_TEXT_TYPES.has(oid) && format !== "binary") return keepText;
    return format === undefined ? pg.types.getTypeParser(oid) : pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

export async function openDatabase(config: DatabaseConfig): Promise<Db> {
  if ("databaseUrl" in config) return openPostgres(config.databaseUrl, config);
  return openPglite(await PGlite.create({ parsers: PGLITE_PARSERS }), config);
}

/** Wraps an existing PGlite instance (created with PGLITE_PARSERS); closing the Db closes it. */
export function openPglite(
  pglite: PGlite,
  options: DatabaseTimeouts & { onIdleTimeout?: (idleTimeoutMs: number) => void } = {},
): Db {
  const session = createPgliteSession(pglite, {
    ...(options.idleTransactionTimeoutMs === undefined
      ? {}
      : { idleTimeoutMs: options.idleTransactionTimeoutMs }),
    ...(options.onIdleTimeout ? { onIdleTimeout: options.onIdleTimeout } : {}),
  });
  const kysely = new Kysely<Schema>({ dialect: new PgliteDialect({ session }) });
  return {
    kind: "pglite",
    kysely,
    openQueueDb: () => pgliteQueueDb(session),
    close: () => kysely.destroy(),
  };
}

export function openPostgres(
  databaseUrl: string,
  options: DatabaseTimeouts & { max?: number; onError?: (error: Error) => void } = {},
): Db {
  const timeouts = {
    ...(options.idleTransactionTimeoutMs === undefined
      ? {}
      : { idleTransactionTimeoutMs: options.idleTransactionTimeoutMs }),
    ...(options.statementTimeoutMs === undefined ? {} : { statementTimeoutMs: options.statementTimeoutMs }),
  };
  const pool = createPostgresPool(databaseUrl, {
    max: options.max ?? 10,
    types: pgTypes,
    ...timeouts,
    ...(options.onError ? { onError: options.onError } : {}),
  });
  const kysely = new Kysely<Schema>({ dialect: new PostgresDialect({ pool: kyselyPool(pool) }) });
  return {
    kind: "postgres",
    kysely,
    openQueueDb({ max, onError }) {
      const queuePool = createPostgresPool(databaseUrl, {
        max,
        applicationName: "closeout-queue",
        ...timeouts,
        ...(onError ? { onError } : {}),
      });
      let ended: Promise<void> | null = null;
      return {
        executeSql: (text, values) => queuePool.query(text, values),
        close: () => {
          ended ??= queuePool.end();
          return ended;
        },
      };
    },
    close: () => kysely.destroy(),
  };
}
