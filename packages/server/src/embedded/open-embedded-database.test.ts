// The embedded database: PGlite in-process on a private data dir, one process per data dir, data kept across
// restarts, and pg-boss's statements taking turns with Kysely's on its one session.
import { spawnSync } from "node:child_process";
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCK_FILE_NAME } from "./data-dir-lock.ts";
import { openEmbeddedDatabase } from "./open-embedded-database.ts";
import { ensurePrivateDataDir } from "./private-data-dir.ts";

let root: string;
let dir: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "closeout-embedded-"));
  dir = join(root, "data");
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

describe("openEmbeddedDatabase", () => {
  it("creates a 0700 data dir, refuses a second opener, keeps data across restarts", async () => {
    const warnings: string[] = [];
    const first = await openEmbeddedDatabase(dir, { warn: (msg) => warnings.push(msg) });
    expect(await modeOf(dir)).toBe(0o700);
    expect(warnings).toEqual([]);
    expect((await readFile(join(dir, LOCK_FILE_NAME), "utf8")).trim()).toBe(String(process.pid));
    await expect(openEmbeddedDatabase(dir)).rejects.toThrow(/already open in this process/);
    await sql`create table kept (n integer)`.execute(first.kysely);
    // Concurrent statements and transactions all get their own answers on the one session.
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 4 === 0
          ? first.kysely.transaction().execute(async (tx) => {
              await sql`insert into kept values (${i})`.execute(tx);
              return i;
            })
          : sql<{ v: number }>`select ${i}::int as v`.execute(first.kysely).then((r) => r.rows[0]?.v),
      ),
    );
    expect(answers).toEqual(Array.from({ length: 12 }, (_, i) => i));
    await first.close();
    await expect(readFile(join(dir, LOCK_FILE_NAME))).rejects.toThrow(/ENOENT/);

    const second = await openEmbeddedDatabase(dir);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from kept`.execute(second.kysely);
    expect(rows[0]?.n).toBe(3);
    await second.close();
  });

  it("tightens a data dir that group or others can read to 0700, and says so", async () => {
    await chmod(dir, 0o755);
    const warnings: { msg: string; fields: Record<string, unknown> | undefined }[] = [];
    const db = await openEmbeddedDatabase(dir, { warn: (msg, fields) => warnings.push({ msg, fields }) });
    try {
      expect(await modeOf(dir)).toBe(0o700);
      expect(warnings).toEqual([
        {
          msg: "the data directory was readable by other users; its mode was changed",
          fields: { dataDir: dir, from: "0755", to: "0700" },
        },
      ]);
    } finally {
      await db.close();
    }
  });

  it("runs pg-boss's statements in turns with Kysely's, never inside a transaction", async () => {
    const db = await openEmbeddedDatabase(dir);
    const queueDb = db.openQueueDb({ max: 1 });
    try {
      await sql`create table turns (n integer)`.execute(db.kysely);
      let insideTransaction!: () => void;
      const inside = new Promise<void>((resolve) => {
        insideTransaction = resolve;
      });
      const sent: { queueCount?: Promise<{ rows: unknown[] }> } = {};
      const rolledBack = db.kysely
        .transaction()
        .execute(async (tx) => {
          await sql`insert into turns values (1)`.execute(tx);
          insideTransaction();
          // Sent while the transaction holds the session: on the same session with no turns, it would run
          // before the rollback below and see the uncommitted row.
          sent.queueCount = queueDb.executeSql("select count(*)::int as n from turns", []);
          await sql`select 1`.execute(tx);
          throw new Error("roll back");
        })
        .catch((e: Error) => e.message);
      await inside;
      expect(await rolledBack).toBe("roll back");
      expect((await sent.queueCount)?.rows).toEqual([{ n: 0 }]);

      // A script of several statements without parameters (pg-boss's schema creation) runs with `exec`; one
      // that fails half-way leaves no transaction open behind it.
      await queueDb.executeSql("begin; insert into turns values (2); commit;");
      await expect(
        queueDb.executeSql("begin; insert into turns values (3); select 1/0; commit;"),
      ).rejects.toThrow(/division by zero/);
      const { rows } = await sql<{ n: number }>`select n from turns order by n`.execute(db.kysely);
      expect(rows).toEqual([{ n: 2 }]);
      expect((await queueDb.executeSql("select count(*)::int as n from turns", [])).rows).toEqual([{ n: 1 }]);
    } finally {
      await queueDb.close();
      await db.close();
    }
  });

  it("takes over a lock left by a process that no longer runs", async () => {
    const dead = spawnSync(process.execPath, [
      "-e",
      "process.stdout.write(String(process.pid))",
    ]).stdout.toString();
    await writeFile(join(dir, LOCK_FILE_NAME), `${dead}\n`);
    const db = await openEmbeddedDatabase(dir);
    expect((await readFile(join(dir, LOCK_FILE_NAME), "utf8")).trim()).toBe(String(process.pid));
    await db.close();
  });

  it("refuses a data dir locked by a running process", async () => {
    // Our parent process (the test runner) is alive and is not us.
    await writeFile(join(dir, LOCK_FILE_NAME), `${process.ppid}\n`);
    await expect(openEmbeddedDatabase(dir)).rejects.toThrow(new RegExp(`pid ${process.ppid}`));
    await rm(join(dir, LOCK_FILE_NAME));
  });

  it("creates missing parent directories too, the data dir itself 0700", async () => {
    const nested = join(root, "a", "b", "data");
    await mkdir(join(root, "a"), { mode: 0o755 });
    expect(await ensurePrivateDataDir(nested)).toEqual({ tightenedFrom: null });
    expect(await modeOf(nested)).toBe(0o700);
  });
});
