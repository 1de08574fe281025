// Real public Flex statements (../shared/flex-samples) through parser → database → loadAccountFlexData.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Execution, type FlexData, parseFlex } from "@closeout/core";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, DB_KINDS, dbKindEnabled, releaseTestPostgres } from "../test-support/test-database.ts";
import { findAccountByIbId } from "./accounts-repository.ts";
import type { Db } from "./database.ts";
import { importFlexData } from "./import-flex-data.ts";
import { loadAccountFlexData } from "./load-account-flex-data.ts";
import { createUser } from "./users-repository.ts";

afterAll(releaseTestPostgres);

const SAMPLES = fileURLToPath(new URL("../../../../../shared/flex-samples/", import.meta.url));
const files = readdirSync(SAMPLES)
  .filter((f) => f.endsWith(".xml"))
  .sort();

const read = (file: string) => readFileSync(`${SAMPLES}${file}`, "utf8");

/** Values as JSON (Decimals become their exact strings), statement indexes left out: they are renumbered. */
function comparable(rows: readonly object[]): unknown {
  return JSON.parse(JSON.stringify(rows, (key, value) => (key === "statementIndex" ? undefined : value)));
}

function executionsOf(data: FlexData, account: string): Execution[] {
  return data.executions.filter((e) => e.accountId === account).sort((a, b) => a.fileOrder - b.fileOrder);
}

describe.each(DB_KINDS)("real Flex samples on %s", (kind) => {
  let db: Db;
  let userId: string;
  beforeEach(async () => {
    if (!dbKindEnabled(kind)) return;
    db = await createTestDb(kind);
    userId = (await createUser(db.kysely, { email: "samples@example.com", passwordHash: "x" })).id;
  });
  afterEach(async () => {
    if (dbKindEnabled(kind)) await db.close();
  });
  const run = dbKindEnabled(kind) ? it : it.skip;

  run("every sample round-trips and re-imports as a no-op", async () => {
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const xml = read(file);
      const data = parseFlex(xml);
      // Each sample in its own user: several samples reuse the same anonymised account ids.
      const owner = (await createUser(db.kysely, { email: `${file}@example.com`, passwordHash: "x" })).id;
      const first = await importFlexData(db, { userId: owner, data, rawXml: xml });
      expect(first.executionsAdded, file).toBe(data.executions.length);
      const again = await importFlexData(db, { userId: owner, data, rawXml: xml });
      expect(again.executionsAdded, file).toBe(0);
      expect(again.statementId, file).toBe(first.statementId);

      for (const ib of first.accounts) {
        const account = await findAccountByIbId(db.kysely, owner, ib);
        const stored = await loadAccountFlexData(db.kysely, account!.id);
        const mine = <T extends { accountId: string }>(rows: readonly T[]) =>
          rows.filter((r) => r.accountId === ib);
        expect(comparable(stored.executions), file).toEqual(comparable(executionsOf(data, ib)));
        expect(comparable(stored.optionEvents), file).toEqual(comparable(mine(data.optionEvents)));
        expect(comparable(stored.corporateActions), file).toEqual(comparable(mine(data.corporateActions)));
        expect(comparable(stored.openPositions), file).toEqual(comparable(mine(data.openPositions)));
        expect(comparable(stored.transfers), file).toEqual(comparable(mine(data.transfers)));
        expect(stored.statements.map((s) => s.toDate)).toEqual(
          data.statements.filter((s) => s.accountId === ib).map((s) => s.toDate),
        );
      }
      // Deleting a user removes everything of theirs (and frees the sample's account ids for the next one).
      await db.kysely.deleteFrom("users").where("id", "=", owner).execute();
    }
  });

  run("two overlapping years of one account are stitched into one history", async () => {
    const older = read("titov-vv_jal_ibkr_year1.xml");
    const newer = read("titov-vv_jal_ibkr.xml");
    const a = parseFlex(older);
    const b = parseFlex(newer);
    await importFlexData(db, { userId, data: b, rawXml: newer });
    const result = await importFlexData(db, { userId, data: a, rawXml: older });
    const key = (e: Execution) => `${e.accountId} ${e.transactionId ?? e.ibExecId ?? e.rawKey}`;
    const union = new Set([...a.executions, ...b.executions].map(key));
    expect(result.executionsAdded).toBe(union.size - b.executions.length);
    // The sample also has a row of a masked account ("U***4321"), stored as an account of its own.
    const all = [...a.executions, ...b.executions].filter((e) => e.accountId === "U7654321");
    const expected = new Set(all.map(key));
    const account = await findAccountByIbId(db.kysely, userId, "U7654321");
    const stored = await loadAccountFlexData(db.kysely, account!.id);
    const got = new Set(stored.executions.map(key));
    expect([...expected].filter((k) => !got.has(k))).toEqual([]);
    expect(got.size).toBe(expected.size);
    expect(stored.statements).toHaveLength(2);
  });
});
