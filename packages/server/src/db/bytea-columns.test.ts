// bytea columns (stored books, statements, token ciphertexts) read back byte for byte as a Buffer on both
// databases: PGlite through closeout's own hex parser (database.ts), PostgreSQL through pg's.
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDb, DB_KINDS, dbKindEnabled, releaseTestPostgres } from "../test-support/test-database.ts";

afterAll(releaseTestPostgres);

describe.each(DB_KINDS)("bytea on %s", (kind) => {
  const run = dbKindEnabled(kind) ? it : it.skip;

  run("every byte value, megabytes of noise and nothing come back exactly, as Buffers", async () => {
    const db = await createTestDb(kind);
    try {
      const everyByte = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7) % 256));
      const noise = randomBytes(3 * 1024 * 1024);
      const empty = Buffer.alloc(0);
      await sql`create table bytea_probe (n integer primary key, b bytea not null)`.execute(db.kysely);
      await sql`insert into bytea_probe values (1, ${everyByte}), (2, ${noise}), (3, ${empty})`.execute(
        db.kysely,
      );
      const { rows } = await sql<{ b: Uint8Array }>`select b from bytea_probe order by n`.execute(db.kysely);
      expect(rows.map((r) => Buffer.isBuffer(r.b))).toEqual([true, true, true]);
      expect(rows.map((r) => r.b.byteLength)).toEqual([512, noise.length, 0]);
      expect(Buffer.from(rows[0]!.b).equals(everyByte)).toBe(true);
      expect(Buffer.from(rows[1]!.b).equals(noise)).toBe(true);
    } finally {
      await db.close();
    }
  });
});
