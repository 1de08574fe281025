// The per-test database of a `describe.each(DB_KINDS)` block: a fresh migrated database before each test,
// closed after it, and `run` that skips the tests of a kind this run does not enable.
import { afterEach, beforeEach, it } from "vitest";
import type { Db, DbKind } from "../db/database.ts";
import { createTestDb, dbKindEnabled } from "./test-database.ts";

export interface TestDbHandle {
  /** This test's database (only inside a test). */
  readonly db: Db;
  readonly run: typeof it | typeof it.skip;
}

export function useTestDb(kind: DbKind): TestDbHandle {
  let current: Db | undefined;
  beforeEach(async () => {
    if (dbKindEnabled(kind)) current = await createTestDb(kind);
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return {
    get db() {
      if (current === undefined) throw new Error("the test database exists only inside a test");
      return current;
    },
    run: dbKindEnabled(kind) ? it : it.skip,
  };
}
