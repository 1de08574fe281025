// A transaction that goes quiet is rolled back and lets go of its connection, on both databases: on PGlite
// (one session, so everyone else waits behind it) by the session's idle timer; on PostgreSQL by the server's
// idle_in_transaction_session_timeout, which must not take the process down with an unhandled 'error' event.
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDb, DB_KINDS, dbKindEnabled, releaseTestPostgres } from "../test-support/test-database.ts";

afterAll(releaseTestPostgres);

const IDLE_MS = 400;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(DB_KINDS)("an idle transaction on %s", (kind) => {
  const run = dbKindEnabled(kind) ? it : it.skip;

  run("is rolled back, its next statement fails clearly, and others carry on", async () => {
    const db = await createTestDb(kind, { idleTransactionTimeoutMs: IDLE_MS });
    try {
      await sql`create table idle_probe (n integer)`.execute(db.kysely);
      let inserted!: () => void;
      const insertedOnce = new Promise<void>((resolve) => {
        inserted = resolve;
      });
      const stuck = db.kysely.transaction().execute(async (tx) => {
        await sql`insert into idle_probe values (1)`.execute(tx);
        inserted();
        // Sends nothing for several times the limit, then tries to go on.
        await sleep(IDLE_MS * 5);
        await sql`insert into idle_probe values (2)`.execute(tx);
        return "committed";
      });
      const outcome = stuck.then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      );
      await insertedOnce;
      // Another statement gets through while the stuck transaction still sleeps (on PGlite it waits for the
      // rollback, since the session is the only connection), and sees nothing of it.
      const other = await sql<{ n: number }>`select count(*)::int as n from idle_probe`.execute(db.kysely);
      expect(other.rows[0]?.n).toBe(0);

      const result = await outcome;
      expect(result).toHaveProperty("error");
      const error = (result as { error: Error }).error;
      expect(error.message).toMatch(
        kind === "pglite" ? /sent nothing for 0\.4 s and was rolled back/ : /idle-in-transaction timeout/,
      );
      expect((error as Error & { code?: string }).code).toBe("25P03");

      // Nothing of it was kept, and the database still answers (on PostgreSQL through a new connection).
      const after = await sql<{ n: number }>`select count(*)::int as n from idle_probe`.execute(db.kysely);
      expect(after.rows[0]?.n).toBe(0);
      const ok = await db.kysely.transaction().execute(async (tx) => {
        await sql`insert into idle_probe values (3)`.execute(tx);
        return "ok";
      });
      expect(ok).toBe("ok");
    } finally {
      await db.close();
    }
  });
});
