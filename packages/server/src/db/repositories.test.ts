import { randomBytes, randomUUID } from "node:crypto";
import { buildTrades } from "@closeout/core";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTokenCipher } from "../crypto/token-cipher.ts";
import { fixtureFlexData, fixtureXml } from "../test-support/flex-fixtures.ts";
import { createTestDb, DB_KINDS, dbKindEnabled, releaseTestPostgres } from "../test-support/test-database.ts";
import { loadAccountBook, replaceAccountBook } from "./account-books-repository.ts";
import { findAccountByIbId, listAccountsForLink } from "./accounts-repository.ts";
import type { Db } from "./database.ts";
import { importFlexData } from "./import-flex-data.ts";
import {
  createLink,
  findLink,
  listDueLinks,
  listLinksForUser,
  loadLinkToken,
  updateLinkStatus,
} from "./links-repository.ts";
import { finishSyncRun, listSyncRuns, recordSyncAttempt, startSyncRun } from "./sync-runs-repository.ts";
import { createUser, findPasswordHash, findUserByEmail, updatePublicProfile } from "./users-repository.ts";

afterAll(releaseTestPostgres);

describe.each(DB_KINDS)("repositories on %s", (kind) => {
  let db: Db;
  beforeEach(async () => {
    if (dbKindEnabled(kind)) db = await createTestDb(kind);
  });
  afterEach(async () => {
    if (dbKindEnabled(kind)) await db.close();
  });
  const run = dbKindEnabled(kind) ? it : it.skip;

  run("users: unique e-mail (case-insensitive), profile mode", async () => {
    const user = await createUser(db.kysely, { email: " Ann@Example.com ", passwordHash: "hash" });
    expect(user).toMatchObject({ email: "ann@example.com", publicProfile: "private", handle: null });
    await expect(createUser(db.kysely, { email: "ANN@example.com", passwordHash: "h2" })).rejects.toThrow();
    expect(await findPasswordHash(db.kysely, "ann@EXAMPLE.com")).toEqual({ userId: user.id, hash: "hash" });
    await updatePublicProfile(db.kysely, user.id, "percent", "ann");
    expect(await findUserByEmail(db.kysely, "ann@example.com")).toMatchObject({
      publicProfile: "percent",
      handle: "ann",
    });
  });

  run("links: the token is stored encrypted and comes back only as ciphertext", async () => {
    const user = await createUser(db.kysely, { email: "b@example.com", passwordHash: "h" });
    const cipher = createTokenCipher(randomBytes(32));
    const token = "987654321098765432109876";
    const due = new Date("2026-01-02T03:00:00Z");
    const id = randomUUID();
    const link = await createLink(db.kysely, {
      id,
      userId: user.id,
      queryId: "123456",
      token: cipher.encrypt(token, id),
      tokenExpiresOn: "2026-12-31",
      nextSyncAt: due,
    });
    expect(JSON.stringify(link)).not.toContain(token);
    expect(link).toMatchObject({
      status: "pending",
      tokenExpiresOn: "2026-12-31",
      nextSyncAt: due.toISOString(),
    });
    expect(link.id).toBe(id);
    expect(cipher.decrypt((await loadLinkToken(db.kysely, link.id))!, link.id)).toBe(token);
    expect(await listDueLinks(db.kysely, new Date("2026-01-01T00:00:00Z"))).toEqual([]);
    expect((await listDueLinks(db.kysely, due)).map((l) => l.id)).toEqual([link.id]);

    await updateLinkStatus(db.kysely, link.id, { status: "token-expired", statusMessage: "IB error 1012" });
    expect(await findLink(db.kysely, link.id)).toMatchObject({
      status: "token-expired",
      statusMessage: "IB error 1012",
    });
    expect(await listDueLinks(db.kysely, due)).toEqual([]);
    expect((await listLinksForUser(db.kysely, user.id)).map((l) => l.id)).toEqual([link.id]);

    const data = fixtureFlexData({ executions: [1] });
    await importFlexData(db, { userId: user.id, linkId: link.id, data, rawXml: fixtureXml(data) });
    expect((await listAccountsForLink(db.kysely, link.id)).map((a) => a.ibAccountId)).toEqual(["U1111111"]);
  });

  run("sync runs and derived trades", async () => {
    const user = await createUser(db.kysely, { email: "c@example.com", passwordHash: "h" });
    const cipher = createTokenCipher(randomBytes(32));
    const id = randomUUID();
    const link = await createLink(db.kysely, {
      id,
      userId: user.id,
      queryId: "1",
      token: cipher.encrypt("t", id),
    });
    const runRow = await startSyncRun(db.kysely, link.id);
    await recordSyncAttempt(db.kysely, runRow.id, "1019");
    await recordSyncAttempt(db.kysely, runRow.id, null);
    await finishSyncRun(db.kysely, runRow.id, {
      status: "succeeded",
      timings: { requestMs: 120, importMs: 40 },
    });
    const [done] = await listSyncRuns(db.kysely, link.id);
    expect(done).toMatchObject({
      status: "succeeded",
      attempts: 2,
      ibErrorCode: null,
      timings: { requestMs: 120 },
    });
    expect(done!.finishedAt).not.toBeNull();

    // Execution 2 buys 100, execution 3 sells them: one closed trade.
    const data = fixtureFlexData({ executions: [2, 3], withOpenPositions: false });
    const book = buildTrades(data);
    await importFlexData(db, {
      userId: user.id,
      data,
      rawXml: fixtureXml(data),
      rebuild: async (tx, [accountId]) => replaceAccountBook(tx, accountId!, book),
    });
    const account = await findAccountByIbId(db.kysely, user.id, "U1111111");
    const stored = await loadAccountBook(db.kysely, account!.id);
    expect(stored?.trades.map((t) => [t.symbol, t.realizedPnl.toFixed(), t.legs.length])).toEqual(
      book.trades.map((t) => [t.symbol, t.realizedPnl.toFixed(), t.legs.length]),
    );
    expect(stored?.trades.length).toBeGreaterThan(0);
    // A book built by another engine (older rules or format) is not served: the caller rebuilds it.
    await db.kysely.updateTable("account_books").set({ engine: "0:older-rules" }).execute();
    expect(await loadAccountBook(db.kysely, account!.id)).toBeNull();
    expect(
      await replaceAccountBook(db.kysely, account!.id, { trades: [], openPositions: [], unmatched: [] }),
    ).toBe(0);
    expect((await loadAccountBook(db.kysely, account!.id))?.trades).toEqual([]);
  });

  run(
    "deleting an account or a user deletes its executions (a trigger, not per-row foreign keys)",
    async () => {
      const data = fixtureFlexData({ executions: [2, 3], withOpenPositions: false });
      const count = async (userId: string) =>
        (
          await db.kysely
            .selectFrom("executions")
            .innerJoin("accounts", "accounts.id", "executions.account_id")
            .select((eb) => eb.fn.countAll<string>().as("n"))
            .where("accounts.user_id", "=", userId)
            .executeTakeFirstOrThrow()
        ).n;
      const orphans = async () =>
        (
          await db.kysely
            .selectFrom("executions")
            .leftJoin("accounts", "accounts.id", "executions.account_id")
            .select((eb) => eb.fn.countAll<string>().as("n"))
            .where("accounts.id", "is", null)
            .executeTakeFirstOrThrow()
        ).n;
      const ann = await createUser(db.kysely, { email: "ann@example.com", passwordHash: "h" });
      await importFlexData(db, { userId: ann.id, data, rawXml: fixtureXml(data) });
      const bob = await createUser(db.kysely, { email: "bob@example.com", passwordHash: "h" });
      const bobs = fixtureFlexData({ accountId: "U2222222", executions: [2, 3], withOpenPositions: false });
      await importFlexData(db, { userId: bob.id, data: bobs, rawXml: fixtureXml(bobs) });
      expect([await count(ann.id), await count(bob.id)]).toEqual(["2", "2"]);

      await db.kysely.deleteFrom("accounts").where("user_id", "=", ann.id).execute();
      expect([await count(ann.id), await count(bob.id), await orphans()]).toEqual(["0", "2", "0"]);
      await db.kysely.deleteFrom("users").where("id", "=", bob.id).execute();
      const left = await db.kysely.selectFrom("executions").select("ib_key").execute();
      expect(left).toEqual([]);
    },
  );
});
