// `closeout migrate` says what it did: on an empty database it names every migration it applied, and a second
// run says there was nothing to apply — on the embedded database and on PostgreSQL.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS } from "../db/migrate.ts";
import {
  createTestPostgresDatabase,
  DB_KINDS,
  dbKindEnabled,
  releaseTestPostgres,
} from "../test-support/test-database.ts";
import { captureIo } from "./cli-io.ts";
import { runCli } from "./run-cli.ts";

afterAll(releaseTestPostgres);

const KEY = Buffer.alloc(32, 7).toString("base64");

describe.each(DB_KINDS)("closeout migrate on %s", (kind) => {
  it.skipIf(!dbKindEnabled(kind))("names what it applied to an empty database, then nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "closeout-migrate-"));
    const pg = kind === "postgres" ? await createTestPostgresDatabase({ empty: true }) : null;
    const env: Record<string, string> = pg
      ? { DATABASE_URL: pg.url, CLOSEOUT_SECRET_KEY: KEY }
      : { CLOSEOUT_DATA_DIR: join(dir, "data"), CLOSEOUT_KEY_FILE: join(dir, "token.key") };
    try {
      const names = Object.keys(MIGRATIONS);
      const first = captureIo(env);
      expect(await runCli(["migrate"], first), first.stderr).toBe(0);
      expect(first.stdout.trim()).toBe(`applied ${names.length} migrations: ${names.join(", ")}`);
      expect(first.stdout).not.toMatch(/up to date/);

      const second = captureIo(env);
      expect(await runCli(["migrate"], second), second.stderr).toBe(0);
      expect(second.stdout.trim()).toBe("database is up to date: no migration to apply");
    } finally {
      await pg?.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
