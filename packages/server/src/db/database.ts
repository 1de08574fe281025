// Opens the database: PGlite in a data dir (embedded default) or PostgreSQL through a pg Pool (DATABASE_URL).
// Both read numeric, int8 and date columns back as strings, so no amount ever passes through a JS float.
import { mkdir } from "node:fs/promises";
import { PGlite, types as pgliteTypes } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, type Transaction } from "kysely";
import pg from "pg";
import { PgliteDialect } from "./pglite-dialect.ts";
import type { Schema } from "./schema.ts";

export type DatabaseConfig = { readonly dataDir?: string } | { readonly databaseUrl: string };

export type DbKind = "pglite" | "postgres";

/** Kysely over the schema, or a transaction of it: repositories accept either. */
export type DbExecutor = Kysely<Schema> | Transaction<Schema>;

export interface Db {
  readonly kind: DbKind;
  readonly kysely: Kysely<Schema>;
  close(): Promise<void>;
}

const keepText = (value: string): string => value;

/** PGlite parsers: exact numbers and plain dates stay text (its defaults turn int8 into numbers, dates into Dates). */
export const PGLITE_PARSERS = {
  [pgliteTypes.NUMERIC]: keepText,
  [pgliteTypes.INT8]: keepText,
  [pgliteTypes.DATE]: keepText,
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
  if ("databaseUrl" in config) return openPostgres(config.databaseUrl);
  if (config.dataDir === undefined) return openPglite(await PGlite.create({ parsers: PGLITE_PARSERS }));
  await mkdir(config.dataDir, { recursive: true });
  return openPglite(await PGlite.create({ dataDir: config.dataDir, parsers: PGLITE_PARSERS }));
}

/** Wraps an existing PGlite instance (created with PGLITE_PARSERS); closing the Db closes it. */
export function openPglite(pglite: PGlite): Db {
  const kysely = new Kysely<Schema>({ dialect: new PgliteDialect({ pglite }) });
  return { kind: "pglite", kysely, close: () => kysely.destroy() };
}

export function openPostgres(databaseUrl: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString: databaseUrl, types: pgTypes, max: options.max ?? 10 });
  // An idle client's error (e.g. the server restarting) must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  const kysely = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return { kind: "postgres", kysely, close: () => kysely.destroy() };
}
