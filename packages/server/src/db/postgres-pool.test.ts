// PostgreSQL's server-side limits reach both pools a process opens (Kysely's and pg-boss's), and migrations are
// exempt from the statement timeout (they may wait for another process's migration, or run long).
import { sql } from "kysely";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import {
  createTestPostgresDatabase,
  postgresTestsEnabled,
  releaseTestPostgres,
} from "../test-support/test-database.ts";
import { openPostgres } from "./database.ts";
import { migrateToLatest } from "./migrate.ts";

afterAll(releaseTestPostgres);

const run = postgresTestsEnabled() ? it : it.skip;

describe("PostgreSQL pools", () => {
  run("Kysely's and the queue's pools carry the statement and idle-transaction timeouts", async () => {
    const { url, drop } = await createTestPostgresDatabase();
    const db = openPostgres(url, { max: 2, statementTimeoutMs: 200, idleTransactionTimeoutMs: 1_500 });
    const queueDb = db.openQueueDb({ max: 2 });
    try {
      await expect(sql`select pg_sleep(2)`.execute(db.kysely)).rejects.toThrow(/statement timeout/);
      await expect(queueDb.executeSql("select pg_sleep(2)", [])).rejects.toThrow(/statement timeout/);
      const shown = await queueDb.executeSql(
        "select current_setting('idle_in_transaction_session_timeout') as idle, current_setting('statement_timeout') as statement",
        [],
      );
      expect(shown.rows).toEqual([{ idle: "1500ms", statement: "200ms" }]);
      const { rows } = await sql<{ statement_timeout: string }>`show statement_timeout`.execute(db.kysely);
      expect(rows).toEqual([{ statement_timeout: "200ms" }]);
    } finally {
      await queueDb.close();
      await db.close();
      await drop();
    }
  });

  run("a migration waits for another process's migration lock past the statement timeout", async () => {
    const { url, drop } = await createTestPostgresDatabase({ empty: true });
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    // One connection: the check after the migration runs on the connection the migration used.
    const db = openPostgres(url, { max: 1, statementTimeoutMs: 200 });
    try {
      // Another process holds the migration lock for several times the statement timeout.
      await other.query("select pg_advisory_lock(7426019211)");
      const migrating = migrateToLatest(db);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await other.query("select pg_advisory_unlock(7426019211)");
      expect((await migrating).applied.length).toBeGreaterThan(0);
      // That connection is back to the pool's setting.
      await expect(sql`select pg_sleep(2)`.execute(db.kysely)).rejects.toThrow(/statement timeout/);
    } finally {
      await other.end();
      await db.close();
      await drop();
    }
  });
});
