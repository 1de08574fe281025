// The embedded database: served on loopback for `pg`, data kept across restarts, one process per data dir.
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres } from "../db/database.ts";
import { LOCK_FILE_NAME } from "./data-dir-lock.ts";
import { startEmbeddedPostgres } from "./start-embedded-postgres.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "closeout-embedded-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("startEmbeddedPostgres", () => {
  it("serves the data dir to pg, refuses a second opener, and keeps data across restarts", async () => {
    const first = await startEmbeddedPostgres(dir);
    expect(first.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    expect((await readFile(join(dir, LOCK_FILE_NAME), "utf8")).trim()).toBe(String(process.pid));
    await expect(startEmbeddedPostgres(dir)).rejects.toThrow(/already open in this process/);
    const db = openPostgres(first.url, { max: 4 });
    await db.kysely.schema.createTable("kept").addColumn("n", "integer").execute();
    // Concurrent queries on several connections, with a transaction among them, all get their own answers.
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 4 === 0
          ? db.kysely.transaction().execute(async (tx) => {
              await tx
                .insertInto("kept" as never)
                .values({ n: i } as never)
                .execute();
              return i;
            })
          : db.kysely
              .selectNoFrom((eb) => eb.val(i).as("v"))
              .executeTakeFirstOrThrow()
              .then((r) => Number(r.v)),
      ),
    );
    expect(answers).toEqual(Array.from({ length: 12 }, (_, i) => i));
    await db.close();
    await first.stop();

    const second = await startEmbeddedPostgres(dir);
    const db2 = openPostgres(second.url, { max: 2 });
    const rows = await db2.kysely
      .selectFrom("kept" as never)
      .selectAll()
      .execute();
    expect(rows).toHaveLength(3);
    await db2.close();
    await second.stop();
  });

  it("takes over a lock left by a process that no longer runs", async () => {
    const dead = spawnSync(process.execPath, [
      "-e",
      "process.stdout.write(String(process.pid))",
    ]).stdout.toString();
    await writeFile(join(dir, LOCK_FILE_NAME), `${dead}\n`);
    const pg = await startEmbeddedPostgres(dir);
    expect((await readFile(join(dir, LOCK_FILE_NAME), "utf8")).trim()).toBe(String(process.pid));
    await pg.stop();
  });

  it("refuses a data dir locked by a running process", async () => {
    // Our parent process (the test runner) is alive and is not us.
    await writeFile(join(dir, LOCK_FILE_NAME), `${process.ppid}\n`);
    await expect(startEmbeddedPostgres(dir)).rejects.toThrow(new RegExp(`pid ${process.ppid}`));
    await rm(join(dir, LOCK_FILE_NAME));
  });
});
