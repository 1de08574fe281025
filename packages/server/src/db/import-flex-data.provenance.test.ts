// Provenance and who holds an IB account (issue #13): only a Flex link holds an account and makes rows
// verified; an upload never claims an account, never blocks its holder's link, and is refused (naming nobody)
// where another user's link holds the account. Also: the raw statement is compressed before the import's
// transaction opens, and the migration's backfill calls `link` only what sync runs prove.
import { Decimal, type FlexData } from "@closeout/core";
import { sql } from "kysely";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeLink } from "../test-support/create-fake-link.ts";
import { fixtureExecution, fixtureFlexData, fixtureXml } from "../test-support/flex-fixtures.ts";
import { createTestDb, DB_KINDS, dbKindEnabled, releaseTestPostgres } from "../test-support/test-database.ts";
import { findAccountByIbId } from "./accounts-repository.ts";
import type { Db } from "./database.ts";
import { importFlexData } from "./import-flex-data.ts";
import { loadAccountFlexData } from "./load-account-flex-data.ts";
import * as provenanceMigration from "./migrations/2026-12-01-provenance.ts";
import { finishSyncRun, startSyncRun } from "./sync-runs-repository.ts";
import { createUser } from "./users-repository.ts";

afterAll(releaseTestPostgres);

describe.each(DB_KINDS)("provenance and account holders on %s", (kind) => {
  let db: Db;
  let ann: string;
  let bob: string;
  beforeEach(async () => {
    if (!dbKindEnabled(kind)) return;
    db = await createTestDb(kind);
    ann = (await createUser(db.kysely, { email: "ann@example.com", passwordHash: "x" })).id;
    bob = (await createUser(db.kysely, { email: "bob@example.com", passwordHash: "y" })).id;
  });
  afterEach(async () => {
    if (dbKindEnabled(kind)) await db.close();
  });
  const run = dbKindEnabled(kind) ? it : it.skip;

  const upload = (userId: string, data: FlexData) =>
    importFlexData(db, { userId, data, rawXml: fixtureXml(data) });
  const linkPull = async (userId: string, data: FlexData, linkId?: string) => {
    const id = linkId ?? (await createFakeLink(db.kysely, userId)).id;
    return {
      linkId: id,
      ...(await importFlexData(db, { userId, linkId: id, data, rawXml: fixtureXml(data) })),
    };
  };
  const accountOf = async (userId: string, ib = "U1111111") =>
    (await findAccountByIbId(db.kysely, userId, ib))!;
  const provenanceOf = async (accountId: string) => {
    const rows = await db.kysely
      .selectFrom("executions")
      .select(["transaction_id", "provenance", "price"])
      .where("account_id", "=", accountId)
      .orderBy("transaction_id")
      .execute();
    return rows.map((r) => `${r.transaction_id}:${r.provenance}`);
  };
  const statementCount = async (userId: string) =>
    (await db.kysely.selectFrom("raw_statements").select("id").where("user_id", "=", userId).execute())
      .length;

  run(
    "an upload, then the real holder's link: the link succeeds, the upload stays its uploader's, unverified",
    async () => {
      await upload(ann, fixtureFlexData({ executions: [1, 2, 3] }));
      expect((await accountOf(ann)).linkId).toBe(null);

      const pulled = await linkPull(bob, fixtureFlexData({ executions: [1, 2, 3, 4] }));
      expect(pulled.executionsAdded).toBe(4);
      const bobs = await accountOf(bob);
      expect(bobs.linkId).toBe(pulled.linkId);
      expect(await provenanceOf(bobs.id)).toEqual(["10001:link", "10002:link", "10003:link", "10004:link"]);
      // Ann keeps her copy, never verified; Bob's link did not touch it.
      const anns = await accountOf(ann);
      expect(anns.linkId).toBe(null);
      expect(await provenanceOf(anns.id)).toEqual(["10001:upload", "10002:upload", "10003:upload"]);

      // Now that Bob's link holds the account, Ann's next upload of it is refused whole, naming nobody.
      const before = await statementCount(ann);
      const refused = upload(ann, fixtureFlexData({ executions: [5] }));
      await expect(refused).rejects.toMatchObject({ code: "account-held-by-link" });
      const message = await refused.catch((e: Error) => e.message);
      expect(message).not.toMatch(/U\d{7}|@|bob/i);
      expect(await statementCount(ann)).toBe(before);
      expect(await provenanceOf(anns.id)).toHaveLength(3);

      // A second link of an account another user's link holds is refused too (one holder per IB account).
      await expect(linkPull(ann, fixtureFlexData({ executions: [6] }))).rejects.toMatchObject({
        code: "account-owned-by-another-user",
        message: expect.not.stringMatching(/U\d{7}|@/),
      });
      expect(await statementCount(ann)).toBe(before);
    },
  );

  run(
    "the holder uploads older history: merged once, the older rows are uploads, the linked rows stay link",
    async () => {
      const pulled = await linkPull(
        bob,
        fixtureFlexData({ executions: [5, 6, 7, 8], fromDate: "2025-01-15" }),
      );
      const older = fixtureFlexData({
        executions: [1, 2, 3, 4, 5, 6],
        fromDate: "2024-01-01",
        toDate: "2025-01-15",
      });
      const merged = await upload(bob, older);
      expect(merged).toMatchObject({ executionsAdded: 4, executionsExisting: 2 });
      expect((await upload(bob, older)).executionsAdded).toBe(0);
      const account = await accountOf(bob);
      expect(account.linkId).toBe(pulled.linkId);
      expect(await provenanceOf(account.id)).toEqual([
        "10001:upload",
        "10002:upload",
        "10003:upload",
        "10004:upload",
        "10005:link",
        "10006:link",
        "10007:link",
        "10008:link",
      ]);
      // The verified view reads the link's rows only; the whole view reads them all, each once.
      const verified = await loadAccountFlexData(db.kysely, account.id, { provenance: "link" });
      expect(verified.executions.map((e) => e.transactionId)).toEqual(["10005", "10006", "10007", "10008"]);
      expect(verified.optionEvents).toHaveLength(1);
      expect((await loadAccountFlexData(db.kysely, account.id)).executions).toHaveLength(8);
    },
  );

  run(
    "a link's copy of a row replaces an upload's copy (values and provenance); rows first uploaded are adopted",
    async () => {
      const forged = fixtureFlexData({ executions: [1, 2] });
      const doctored = {
        ...forged,
        executions: [fixtureExecution({ n: 1, price: "1.00" }), ...forged.executions.slice(1)],
      };
      await upload(ann, doctored);
      const account = await accountOf(ann);
      expect(await loadAccountFlexData(db.kysely, account.id, { provenance: "link" })).toMatchObject({
        executions: [],
        optionEvents: [],
      });

      const pulled = await linkPull(ann, fixtureFlexData({ executions: [1, 2, 3] }));
      expect(pulled).toMatchObject({ executionsAdded: 1, executionsExisting: 2 });
      expect(await provenanceOf(account.id)).toEqual(["10001:link", "10002:link", "10003:link"]);
      const verified = await loadAccountFlexData(db.kysely, account.id, { provenance: "link" });
      expect(verified.executions[0]!.price.eq(new Decimal("150.0001"))).toBe(true);
      expect(verified.optionEvents).toHaveLength(1);
      expect(verified.corporateActions).toHaveLength(1);
      expect((await accountOf(ann)).linkId).toBe(pulled.linkId);
    },
  );

  run("the same bytes uploaded, then pulled by the link, become the link's", async () => {
    const data = fixtureFlexData({ executions: [1, 2] });
    await upload(ann, data);
    const pulled = await linkPull(ann, data);
    expect(pulled).toMatchObject({ statementAlreadyStored: true, executionsAdded: 0 });
    const statements = await db.kysely.selectFrom("raw_statements").select("provenance").execute();
    expect(statements.map((s) => s.provenance)).toEqual(["link"]);
    expect(await provenanceOf((await accountOf(ann)).id)).toEqual(["10001:link", "10002:link"]);
  });

  run("the raw statement is compressed before the import's transaction opens", async () => {
    const data = fixtureFlexData({ executions: [1, 2] });
    const seen: boolean[] = [];
    await importFlexData(db, {
      userId: ann,
      data,
      rawXml: fixtureXml(data),
      gzip: async (xml) => {
        // Another request while the statement is compressed. Were the transaction open, this could not run:
        // on PGlite it would wait for the only connection (held by the transaction, which waits for this);
        // on PostgreSQL the account's advisory lock would be taken.
        const { rows } = await sql<{ free: boolean }>`
          select pg_try_advisory_xact_lock(hashtextextended('closeout:account:U1111111', 0)) as free`.execute(
          db.kysely,
        );
        seen.push(rows[0]!.free);
        return Buffer.concat([Buffer.from([0x1f, 0x8b]), xml]);
      },
    });
    expect(seen).toEqual([true]);
    const stored = await db.kysely
      .selectFrom("raw_statements")
      .select("content_gzip")
      .executeTakeFirstOrThrow();
    expect(Buffer.from(stored.content_gzip).subarray(2).toString("utf8")).toBe(fixtureXml(data));
  });

  run(
    "the migration's backfill: `link` only for statements a succeeded sync run of a link brought",
    async () => {
      const link = await createFakeLink(db.kysely, bob);
      const synced = fixtureFlexData({ executions: [5, 6], fromDate: "2025-01-15" });
      const syncRun = await startSyncRun(db.kysely, link.id, new Date());
      await importFlexData(db, { userId: bob, linkId: link.id, data: synced, rawXml: fixtureXml(synced) });
      await finishSyncRun(db.kysely, syncRun.id, {
        status: "succeeded",
        ibErrorCode: null,
        message: "ok",
        finishedAt: new Date(),
      });
      // A link import that no sync run vouches for (e.g. its run was pruned) is not provably the link's.
      const unproven = fixtureFlexData({ executions: [7], fromDate: "2025-02-01" });
      await importFlexData(db, {
        userId: bob,
        linkId: link.id,
        data: unproven,
        rawXml: fixtureXml(unproven),
      });
      await upload(bob, fixtureFlexData({ executions: [1, 2], fromDate: "2024-01-01" }));
      await upload(ann, fixtureFlexData({ accountId: "U2222222", executions: [1] }));

      await db.kysely.transaction().execute(async (tx) => {
        await provenanceMigration.down(tx as never);
        await provenanceMigration.up(tx as never);
      });
      const statements = await db.kysely
        .selectFrom("raw_statements")
        .select(["user_id", "from_date", "provenance"])
        .orderBy("seq")
        .execute();
      expect(
        statements.map((s) => `${s.user_id === bob ? "bob" : "ann"} ${s.from_date} ${s.provenance}`),
      ).toEqual([
        "bob 2025-01-15 link",
        "bob 2025-02-01 upload",
        "bob 2024-01-01 upload",
        "ann 2025-01-01 upload",
      ]);
      expect(await provenanceOf((await accountOf(bob)).id)).toEqual([
        "10001:upload",
        "10002:upload",
        "10005:link",
        "10006:link",
        "10007:upload",
      ]);
      expect(await provenanceOf((await accountOf(ann, "U2222222")).id)).toEqual(["10001:upload"]);
    },
  );
});
