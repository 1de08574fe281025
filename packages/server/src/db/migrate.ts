// Dated migrations, listed statically (no directory scanning, so bundling and tsx behave the same).
// Several processes may start at once on PostgreSQL: a session-level advisory lock held on one connection
// serialises them, including the creation of Kysely's own migration tables. Migrations (and the wait for that
// lock) may run longer than the statement timeout meant for requests, so it is lifted on that connection.
import { type Kysely, type Migration, type MigrationResultSet, Migrator, sql } from "kysely";
import type { Db } from "./database.ts";
import * as initial from "./migrations/2026-11-25-initial.ts";
import * as auth from "./migrations/2026-11-26-auth.ts";
import * as accountBooks from "./migrations/2026-11-27-account-books.ts";
import * as executionsLeanWrites from "./migrations/2026-11-28-executions-lean-writes.ts";
import * as executionInstruments from "./migrations/2026-11-29-execution-instruments.ts";
import * as accountTradeSpan from "./migrations/2026-11-30-account-trade-span.ts";
import * as provenance from "./migrations/2026-12-01-provenance.ts";
import * as tokenKeys from "./migrations/2026-12-02-token-keys.ts";
import * as loginLimits from "./migrations/2026-12-03-login-limits.ts";
import * as ops from "./migrations/2026-12-04-ops.ts";
import * as cashAndNav from "./migrations/2026-12-05-cash-and-nav.ts";
import * as optionCashSettlement from "./migrations/2026-12-05-option-cash-settlement.ts";
import * as linkImports from "./migrations/2026-12-07-link-imports.ts";

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  "2026-11-25-initial": initial,
  "2026-11-26-auth": auth,
  "2026-11-27-account-books": accountBooks,
  "2026-11-28-executions-lean-writes": executionsLeanWrites,
  "2026-11-29-execution-instruments": executionInstruments,
  "2026-11-30-account-trade-span": accountTradeSpan,
  "2026-12-01-provenance": provenance,
  "2026-12-02-token-keys": tokenKeys,
  "2026-12-03-login-limits": loginLimits,
  "2026-12-04-ops": ops,
  "2026-12-05-cash-and-nav": cashAndNav,
  "2026-12-05-option-cash-settlement": optionCashSettlement,
  "2026-12-07-link-imports": linkImports,
};

/** Arbitrary but fixed: "closeout" migrations. */
const MIGRATION_LOCK_KEY = 7_426_019_211;

export interface MigrationReport {
  readonly applied: readonly string[];
}

export async function migrateToLatest(db: Db): Promise<MigrationReport> {
  const result = await db.kysely.connection().execute(async (connection) => {
    await sql`set statement_timeout = 0`.execute(connection);
    try {
      await sql`select pg_advisory_lock(${sql.lit(MIGRATION_LOCK_KEY)})`.execute(connection);
      try {
        return await createMigrator(connection).migrateToLatest();
      } finally {
        await sql`select pg_advisory_unlock(${sql.lit(MIGRATION_LOCK_KEY)})`.execute(connection);
      }
    } finally {
      // Back to the pool's setting for the next user of this connection.
      await sql`reset statement_timeout`.execute(connection);
    }
  });
  return { applied: checkResult(result) };
}

// biome-ignore lint/suspicious/noExplicitAny: the Migrator works on any schema.
function createMigrator(db: Kysely<any>): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...MIGRATIONS }) },
    migrationTableName: "closeout_migration",
    migrationLockTableName: "closeout_migration_lock",
  });
}

function checkResult({ error, results }: MigrationResultSet): string[] {
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`database migration ${failed ?? ""} failed: ${reason}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
