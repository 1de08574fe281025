// Each user's stored raw statements are capped in gzip bytes: an import past the cap is refused with
// raw-quota-exceeded and stores nothing; the same statement again does not count twice; other users' statements
// do not count; over HTTP the refusal is a 413 and the user's data stays as it was.
import { parseFlex } from "@closeout/core";
import { generateStatement } from "@closeout/flex-sim";
import { sql } from "kysely";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, signUp, type TestApp } from "../api/api-test-support.ts";
import { AppError } from "../app-error.ts";
import { DB_KINDS, dbKindEnabled, releaseTestPostgres } from "../test-support/test-database.ts";
import { useTestDb } from "../test-support/use-test-db.ts";
import type { Db } from "./database.ts";
import { type ImportFlexInput, importFlexData } from "./import-flex-data.ts";
import { rawBytesStored } from "./raw-statement-quota.ts";
import { createUser } from "./users-repository.ts";
import { gzipOffThread } from "./zlib-off-thread.ts";

afterAll(releaseTestPostgres);

const statement = (seed: number, fromDate: string, toDate: string) =>
  generateStatement({ seed, accounts: 1, executions: 200, fromDate, toDate });
const FIRST = statement(21, "2025-01-02", "2025-06-30");
const SECOND = statement(21, "2025-07-01", "2025-12-31");

const importAs = (db: Db, userId: string, xml: string, rawQuotaBytes: number) =>
  importFlexData(db, { userId, data: parseFlex(xml), rawXml: xml, rawQuotaBytes });

async function counts(db: Db, userId: string) {
  const statements = await db.kysely
    .selectFrom("raw_statements")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("user_id", "=", userId)
    .executeTakeFirstOrThrow();
  const executions = await db.kysely
    .selectFrom("executions")
    .innerJoin("accounts", "accounts.id", "executions.account_id")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("accounts.user_id", "=", userId)
    .executeTakeFirstOrThrow();
  return { statements: Number(statements.n), executions: Number(executions.n) };
}

describe.each(DB_KINDS)("raw statement quota on %s", (kind) => {
  const t = useTestDb(kind);
  const user = async (name: string) =>
    (await createUser(t.db.kysely, { email: `${name}@example.com`, passwordHash: "!" })).id;

  t.run(
    "an import past the quota is refused and stores nothing; a re-import does not count twice",
    async () => {
      const ann = await user("ann");
      await importAs(t.db, ann, FIRST, 1024 * 1024);
      const used = await rawBytesStored(t.db.kysely, ann);
      expect(used).toBeGreaterThan(1000);
      const before = await counts(t.db, ann);

      // Room for the first statement once more, not for a second one of the same size.
      const quota = used + Math.floor(used / 2);
      const refused = await importAs(t.db, ann, SECOND, quota).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(AppError);
      expect((refused as AppError).code).toBe("raw-quota-exceeded");
      expect((refused as AppError).httpStatus).toBe(413);
      expect((refused as AppError).message).toMatch(/quota of .* MB .*nothing was imported/);
      expect(await counts(t.db, ann)).toEqual(before);
      expect(await rawBytesStored(t.db.kysely, ann)).toBe(used);

      // The statement already stored comes again: nothing new to store, so the quota has no say.
      const again = await importAs(t.db, ann, FIRST, used);
      expect(again.statementAlreadyStored).toBe(true);
      expect(await rawBytesStored(t.db.kysely, ann)).toBe(used);

      // With room for both, the second goes in.
      await importAs(t.db, ann, SECOND, 2 * quota);
      expect((await counts(t.db, ann)).statements).toBe(2);
    },
  );

  t.run("another user's statements do not count against mine", async () => {
    const ann = await user("ann");
    const bob = await user("bob");
    await importAs(t.db, ann, FIRST, 1024 * 1024);
    const used = await rawBytesStored(t.db.kysely, ann);
    await importAs(t.db, bob, statement(22, "2025-01-02", "2025-06-30"), used * 2);
    expect(await rawBytesStored(t.db.kysely, bob)).toBeGreaterThan(0);
    expect(await rawBytesStored(t.db.kysely, ann)).toBe(used);
  });

  t.run("parallel imports of one user cannot both slip under the quota", async () => {
    const ann = await user("ann");
    // Two IB accounts, so the per-account locks do not order the imports; only the quota's lock does.
    const other = statement(23, "2025-07-01", "2025-12-31");
    // Compressed as the import compresses them: either statement fits alone; both together do not.
    const first = (await gzipOffThread(Buffer.from(FIRST))).byteLength;
    const second = (await gzipOffThread(Buffer.from(other))).byteLength;
    const quota = Math.max(first, second) + Math.floor(Math.min(first, second) / 2);
    // On PostgreSQL the imports run side by side: each, once past the quota check, waits (in its rebuild step,
    // still inside its transaction) until the other is past the check too or is seen waiting for a lock. So
    // without the quota's lock both would pass the check before either commits. (PGlite runs one at a time.)
    let pastCheck = 0;
    const meet: ImportFlexInput["rebuild"] = async () => {
      pastCheck++;
      while (kind === "postgres" && pastCheck < 2) {
        const { rows } = await sql<{ n: string }>`
          select count(*)::text as n from pg_locks where locktype = 'advisory' and not granted`.execute(
          t.db.kysely,
        );
        if (rows[0]?.n !== "0") break;
        await new Promise((r) => setTimeout(r, 20));
      }
      return 0;
    };
    // Securities and FX rates are per user: two statements sharing some would queue on each other's rows.
    const apart = (xml: string) =>
      importFlexData(t.db, {
        userId: ann,
        data: { ...parseFlex(xml), securities: [], conversionRates: [] },
        rawXml: xml,
        rawQuotaBytes: quota,
        rebuild: meet,
      });
    const results = await Promise.allSettled([apart(FIRST), apart(other)]);
    expect(results.filter((r) => r.status === "fulfilled").length).toBe(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((rejected.reason as AppError).code).toBe("raw-quota-exceeded");
    expect((await counts(t.db, ann)).statements).toBe(1);
    expect(await rawBytesStored(t.db.kysely, ann)).toBeLessThanOrEqual(quota);
  });
});

describe.each(DB_KINDS)("raw statement quota over HTTP on %s", (kind) => {
  let t: TestApp;
  let quota: number;
  beforeEach(async () => {
    if (!dbKindEnabled(kind)) return;
    t = await createTestApp(kind);
    // The first upload's size fixes a quota that holds it and not a second one.
    const probe = await signUp(t);
    expect((await probe.client.post("/api/accounts/import", FIRST)).status).toBe(200);
    quota = Math.floor((await rawBytesStored(t.db.kysely, probe.user.id)) * 1.5);
    await t.close();
    t = await createTestApp(kind, { rawQuotaBytes: quota });
  });
  afterEach(async () => {
    if (dbKindEnabled(kind)) await t.close();
  });
  const test = it.skipIf(!dbKindEnabled(kind));

  test("an upload past the quota answers 413 raw-quota-exceeded and leaves the user's data as it was", async () => {
    const { client, user } = await signUp(t);
    expect((await client.post("/api/accounts/import", FIRST)).status).toBe(200);
    const trades = (await client.get("/api/trades?limit=500")).json.trades.length;
    const res = await client.post("/api/accounts/import", SECOND);
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe("raw-quota-exceeded");
    expect(res.json.error.message).toMatch(/nothing was imported/);
    expect(res.text).not.toMatch(/at .*\.ts:/);
    expect((await counts(t.db, user.id)).statements).toBe(1);
    expect((await client.get("/api/trades?limit=500")).json.trades.length).toBe(trades);
    // Re-uploading the stored statement is still fine.
    expect((await client.post("/api/accounts/import", FIRST)).status).toBe(200);
  });
});
