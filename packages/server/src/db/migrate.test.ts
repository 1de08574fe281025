import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openEmbeddedDatabase } from "../embedded/open-embedded-database.ts";
import {
  createTestDb,
  createTestPostgresDatabase,
  DB_KINDS,
  dbKindEnabled,
  releaseTestPostgres,
} from "../test-support/test-database.ts";
import { openPostgres } from "./database.ts";
import { MIGRATIONS, migrateToLatest } from "./migrate.ts";

afterAll(releaseTestPostgres);

const TABLES = [
  "account_books",
  "accounts",
  "cash_transactions",
  "conversion_rates",
  "corporate_actions",
  "execution_instruments",
  "executions",
  "ib_links",
  "invites",
  "journal_days",
  "journal_entries",
  "journal_settings",
  "link_imports",
  "login_throttle",
  "nav_changes",
  "nav_rows",
  "option_events",
  "position_snapshots",
  "raw_statements",
  "securities",
  "sessions",
  "statements_meta",
  "sync_runs",
  "token_key",
  "transfers",
  "users",
];

describe.each(DB_KINDS)("migrations on %s", (kind) => {
  const run = dbKindEnabled(kind) ? it : it.skip;

  run("create every table, and a second run applies nothing", async () => {
    const db = await createTestDb(kind);
    try {
      const { rows } = await sql<{ table_name: string }>`
        select table_name from information_schema.tables
        where table_schema = 'public' and table_name not like 'closeout_migration%'
        order by table_name`.execute(db.kysely);
      expect(rows.map((r) => r.table_name)).toEqual(TABLES);
      expect(await migrateToLatest(db)).toEqual({ applied: [] });
      const numeric = await sql<{ n: string }>`select 0.1::numeric + 0.2::numeric as n`.execute(db.kysely);
      expect(numeric.rows[0]!.n).toBe("0.3");
    } finally {
      await db.close();
    }
  });
});

describe("migrations from scratch", () => {
  it("apply to a new PGlite data dir, which keeps them across restarts", async () => {
    const dataDir = join(await mkdtemp(join(tmpdir(), "closeout-data-")), "data");
    try {
      const db = await openEmbeddedDatabase(dataDir);
      expect(await migrateToLatest(db)).toEqual({ applied: Object.keys(MIGRATIONS) });
      await db.close();
      const reopened = await openEmbeddedDatabase(dataDir);
      expect(await migrateToLatest(reopened)).toEqual({ applied: [] });
      await reopened.close();
    } finally {
      await rm(dirname(dataDir), { recursive: true, force: true });
    }
  });

  (dbKindEnabled("postgres") ? it : it.skip)(
    "run safely from several processes at once on PostgreSQL",
    async () => {
      const { url, drop } = await createTestPostgresDatabase({ empty: true });
      const dbs = [openPostgres(url), openPostgres(url), openPostgres(url), openPostgres(url)];
      try {
        const reports = await Promise.all(dbs.map((db) => migrateToLatest(db)));
        const applied = reports.flatMap((r) => r.applied);
        expect(applied).toEqual(Object.keys(MIGRATIONS));
      } finally {
        await Promise.all(dbs.map((db) => db.close()));
        await drop();
      }
    },
  );
});
