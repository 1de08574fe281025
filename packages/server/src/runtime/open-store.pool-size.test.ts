// CLOSEOUT_DB_POOL_MAX bounds the connections one process opens for queries on PostgreSQL: with more queries
// in flight than the pool holds, exactly that many server backends answer them. The embedded database has one
// session whatever the setting, and runs the same queries one after the other.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { createJsonLogger } from "../api/logger.ts";
import { parseServeConfig } from "../config/serve-config.ts";
import {
  createTestPostgresDatabase,
  DB_KINDS,
  dbKindEnabled,
  releaseTestPostgres,
} from "../test-support/test-database.ts";
import { openStore } from "./start-runtime.ts";

afterAll(releaseTestPostgres);

const KEY = Buffer.alloc(32, 5).toString("base64");
/** A fresh embedded start takes a minute on a busy machine. */
const SLOW_START_MS = 240_000;
const quiet = createJsonLogger(() => {}, { level: "error" });

describe.each(DB_KINDS)("the query pool's size on %s", (kind) => {
  it.skipIf(!dbKindEnabled(kind))(
    "serves 12 concurrent queries on at most CLOSEOUT_DB_POOL_MAX connections",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "closeout-pool-"));
      const pg = kind === "postgres" ? await createTestPostgresDatabase() : null;
      const env = {
        CLOSEOUT_DB_POOL_MAX: "3",
        ...(pg
          ? { DATABASE_URL: pg.url, CLOSEOUT_SECRET_KEY: KEY }
          : { CLOSEOUT_DATA_DIR: join(dir, "data"), CLOSEOUT_KEY_FILE: join(dir, "token.key") }),
      };
      const store = await openStore(parseServeConfig(env), quiet);
      try {
        const pids = await Promise.all(
          Array.from({ length: 12 }, () =>
            sql<{ pid: number }>`select pg_backend_pid() as pid, pg_sleep(0.2)`
              .execute(store.db.kysely)
              .then((r) => r.rows[0]?.pid),
          ),
        );
        expect(new Set(pids).size).toBe(kind === "postgres" ? 3 : 1);
      } finally {
        await store.stop();
        await pg?.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    SLOW_START_MS,
  );
});
