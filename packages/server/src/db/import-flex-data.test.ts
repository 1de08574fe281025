import type { Execution, FlexData } from "@closeout/core";
import { sql } from "kysely";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../app-error.ts";
import { createFakeLink } from "../test-support/create-fake-link.ts";
import { fixtureFlexData, fixtureXml } from "../test-support/flex-fixtures.ts";
import { createTestDb, DB_KINDS, dbKindEnabled, releaseTestPostgres } from "../test-support/test-database.ts";
import { findAccountByIbId, listAccountsForUser } from "./accounts-repository.ts";
import type { Db } from "./database.ts";
import { countExecutions } from "./executions-repository.ts";
import { importFlexData } from "./import-flex-data.ts";
import { loadAccountFlexData } from "./load-account-flex-data.ts";
import { listRawStatements, readRawStatement } from "./raw-statements-repository.ts";
import { createUser } from "./users-repository.ts";

afterAll(releaseTestPostgres);

/** Decimals compared by value, everything else as is. */
function plain(e: Execution) {
  return {
    ...e,
    quantity: e.quantity.toFixed(),
    price: e.price.toFixed(),
    commission: e.commission.toFixed(),
    multiplier: e.multiplier?.toFixed() ?? null,
    fxRateToBase: e.fxRateToBase?.toFixed() ?? null,
    fifoPnlRealized: e.fifoPnlRealized?.toFixed() ?? null,
  };
}

describe.each(DB_KINDS)("importFlexData on %s", (kind) => {
  let db: Db;
  let userId: string;

  beforeEach(async () => {
    if (!dbKindEnabled(kind)) return;
    db = await createTestDb(kind);
    userId = (await createUser(db.kysely, { email: "a@example.com", passwordHash: "x" })).id;
  });
  afterEach(async () => {
    if (dbKindEnabled(kind)) await db.close();
  });

  const run = dbKindEnabled(kind) ? it : it.skip;
  const importData = (data: FlexData, who = userId) =>
    importFlexData(db, { userId: who, data, rawXml: fixtureXml(data) });
  const accountIdOf = async (ib = "U1111111", who = userId) =>
    (await findAccountByIbId(db.kysely, who, ib))!.id;

  run("stores a statement once: the same data again adds nothing", async () => {
    const data = fixtureFlexData({ executions: [1, 2, 3, 4] });
    const first = await importData(data);
    expect(first).toMatchObject({ executionsAdded: 4, executionsExisting: 0, accounts: ["U1111111"] });
    expect(first.statementAlreadyStored).toBe(false);

    const second = await importData(data);
    expect(second).toMatchObject({
      executionsAdded: 0,
      executionsExisting: 4,
      statementId: first.statementId,
    });
    expect(second.statementAlreadyStored).toBe(true);

    const accountId = await accountIdOf();
    expect(await countExecutions(db.kysely, accountId)).toBe(4);
    const flex = await loadAccountFlexData(db.kysely, accountId);
    expect(flex.optionEvents).toHaveLength(1);
    expect(flex.corporateActions).toHaveLength(1);
    expect(flex.openPositions).toHaveLength(1);
    expect(flex.statements).toHaveLength(1);
  });

  run("an overlapping statement adds only the new executions", async () => {
    await importData(fixtureFlexData({ executions: [1, 2, 3], toDate: "2025-06-30" }));
    const overlap = await importData(fixtureFlexData({ executions: [2, 3, 4, 5], toDate: "2025-07-31" }));
    expect(overlap).toMatchObject({ executionsAdded: 2, executionsExisting: 2 });
    const flex = await loadAccountFlexData(db.kysely, await accountIdOf());
    expect(flex.executions.map((e) => e.transactionId)).toEqual([
      "10001",
      "10002",
      "10003",
      "10004",
      "10005",
    ]);
    expect(flex.statements.map((s) => s.toDate)).toEqual(["2025-06-30", "2025-07-31"]);
    expect((await listRawStatements(db.kysely, userId)).length).toBe(2);
  });

  run("an older statement extends the history backwards", async () => {
    await importData(fixtureFlexData({ executions: [5, 6, 7], fromDate: "2025-01-10" }));
    const older = await importData(
      fixtureFlexData({ executions: [1, 2, 5], fromDate: "2024-01-10", toDate: "2025-01-09" }),
    );
    expect(older).toMatchObject({ executionsAdded: 2, executionsExisting: 1 });
    const flex = await loadAccountFlexData(db.kysely, await accountIdOf());
    expect(flex.executions).toHaveLength(5);
    // Stitched file order: the later import's rows come after the earlier import's, without collisions.
    const orders = flex.executions.map((e) => e.fileOrder);
    expect(new Set(orders).size).toBe(5);
    const byTx = new Map(flex.executions.map((e) => [e.transactionId, e.fileOrder]));
    expect(byTx.get("10001")!).toBeGreaterThan(byTx.get("10007")!);
  });

  run("loadAccountFlexData returns exactly what was imported", async () => {
    const data = fixtureFlexData({ executions: [1, 2, 3, 6] });
    await importData(data);
    const flex = await loadAccountFlexData(db.kysely, await accountIdOf());
    expect(flex.executions.map(plain)).toEqual(data.executions.map(plain));
    for (const [got, want] of flex.executions.map((e, i) => [e, data.executions[i]!] as const)) {
      expect(got.quantity.eq(want.quantity)).toBe(true);
      expect(got.fifoPnlRealized?.eq(want.fifoPnlRealized!) ?? want.fifoPnlRealized === null).toBe(true);
      expect(got.fxRateToBase!.toFixed()).toBe("0.91234567");
    }
    expect(flex.statements).toEqual(data.statements);
    expect(flex.accounts).toEqual(data.accounts);
    expect(JSON.stringify(flex.optionEvents)).toBe(JSON.stringify(data.optionEvents));
    expect(JSON.stringify(flex.corporateActions)).toBe(JSON.stringify(data.corporateActions));
    expect(JSON.stringify(flex.openPositions)).toBe(JSON.stringify(data.openPositions));
    expect(JSON.stringify(flex.securities)).toBe(JSON.stringify(data.securities));
    expect(JSON.stringify(flex.conversionRates)).toBe(JSON.stringify(data.conversionRates));
    expect(flex.shape).toEqual(data.shape);
  });

  run("executions without transactionID or ibExecID are de-duplicated by their attributes", async () => {
    const data = fixtureFlexData({ executions: [] });
    const { fixtureExecution } = await import("../test-support/flex-fixtures.ts");
    const rows = [1, 2].map((n) => fixtureExecution({ n, ids: "none" }));
    const withRows = { ...data, executions: [...rows, { ...rows[0]!, fileOrder: 99 }] };
    expect(await importData(withRows)).toMatchObject({ executionsAdded: 2, executionsExisting: 0 });
    const again = { ...withRows, statements: [{ ...data.statements[0]!, toDate: "2026-01-31" }] };
    expect(await importData(again)).toMatchObject({ executionsAdded: 0, executionsExisting: 2 });
  });

  run("keeps the raw statement, compressed, and gives it back unchanged", async () => {
    const data = fixtureFlexData({ executions: [1] });
    const xml = `${fixtureXml(data)}${" padding ".repeat(1000)}`;
    const { statementId } = await importFlexData(db, { userId, data, rawXml: xml });
    expect(await readRawStatement(db.kysely, userId, statementId)).toBe(xml);
    const [info] = await listRawStatements(db.kysely, userId);
    expect(info!.byteLength).toBe(Buffer.byteLength(xml));
    const { rows } = await sql<{
      size: number;
    }>`select length(content_gzip) as size from raw_statements where id = ${statementId}`.execute(db.kysely);
    expect(rows[0]!.size).toBeLessThan(xml.length / 5);
  });

  run("keeps users apart and rejects an upload of an account another user's link holds, whole", async () => {
    const other = (await createUser(db.kysely, { email: "B@Example.com", passwordHash: "y" })).id;
    const held = fixtureFlexData({ executions: [1, 2] });
    const link = await createFakeLink(db.kysely, userId);
    await importFlexData(db, { userId, linkId: link.id, data: held, rawXml: fixtureXml(held) });
    await importData(fixtureFlexData({ accountId: "U2222222", executions: [1, 2, 3] }), other);

    const mixed = fixtureFlexData({ executions: [7, 8] });
    const stolen = {
      ...mixed,
      statements: [...mixed.statements, { ...mixed.statements[0]!, index: 1, accountId: "U3333333" }],
    };
    const attempt = importData(stolen, other);
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "account-held-by-link" });
    await expect(attempt).rejects.not.toThrow(/U\d{7}|@/);
    // Nothing of the rejected statement was kept: no raw statement, no new account, no executions.
    expect((await listRawStatements(db.kysely, other)).length).toBe(1);
    expect((await listAccountsForUser(db.kysely, other)).map((a) => a.ibAccountId)).toEqual(["U2222222"]);
    expect(await countExecutions(db.kysely, await accountIdOf())).toBe(2);

    expect((await listAccountsForUser(db.kysely, userId)).map((a) => a.ibAccountId)).toEqual(["U1111111"]);
    expect(
      await readRawStatement(db.kysely, other, (await listRawStatements(db.kysely, userId))[0]!.id),
    ).toBe(null);
    const theirs = await loadAccountFlexData(db.kysely, await accountIdOf("U2222222", other));
    expect(theirs.executions.map((e) => e.accountId)).toEqual(["U2222222", "U2222222", "U2222222"]);
  });

  run("runs the rebuild hook inside the import transaction", async () => {
    const data = fixtureFlexData({ executions: [1, 2] });
    const seen: string[][] = [];
    const result = await importFlexData(db, {
      userId,
      data,
      rawXml: fixtureXml(data),
      rebuild: async (tx, accountIds) => {
        seen.push([...accountIds]);
        const flex = await loadAccountFlexData(tx, accountIds[0]!);
        return flex.executions.length;
      },
    });
    expect(result.tradesRebuilt).toBe(2);
    expect(seen).toEqual([[await accountIdOf()]]);

    const failing = fixtureFlexData({ executions: [3] });
    await expect(
      importFlexData(db, {
        userId,
        data: failing,
        rawXml: fixtureXml(failing),
        rebuild: async () => {
          throw new Error("rebuild failed");
        },
      }),
    ).rejects.toThrow("rebuild failed");
    expect(await countExecutions(db.kysely, await accountIdOf())).toBe(2);
    expect((await listRawStatements(db.kysely, userId)).length).toBe(1);
  });

  run("concurrent imports of the same statement store it once", async () => {
    const data = fixtureFlexData({ executions: [1, 2, 3, 4, 5] });
    const results = await Promise.all([importData(data), importData(data), importData(data)]);
    expect(results.reduce((n, r) => n + r.executionsAdded, 0)).toBe(5);
    expect(new Set(results.map((r) => r.statementId)).size).toBe(1);
    expect(await countExecutions(db.kysely, await accountIdOf())).toBe(5);
    expect((await listRawStatements(db.kysely, userId)).length).toBe(1);
  });
});
