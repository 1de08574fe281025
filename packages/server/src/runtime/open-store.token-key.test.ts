// The token key at start, through the real store (openStore) on the embedded database in a temp data dir and
// on PostgreSQL: a first start makes the key outside the data dir; a wrong or missing key while links exist
// stops the start with nothing changed; tokens of the format before key ids are read and re-sealed; a token
// copied onto another link's row does not open.
import { randomBytes } from "node:crypto";
import { readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { FlexSim } from "@closeout/flex-sim";
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../app-error.ts";
import { captureIo } from "../cli/cli-io.ts";
import { runCli } from "../cli/run-cli.ts";
import { parseTokenKey, TokenDecryptError, tokenKeyFingerprint } from "../crypto/token-cipher.ts";
import { loadLinkToken } from "../db/links-repository.ts";
import { syncLink } from "../sync/sync-link.ts";
import { createLinkedUser, smallQuery, startTestFlexSim, testFlexClient } from "../sync/sync-test-kit.ts";
import {
  createKeyedStore,
  type KeyedStore,
  rewriteAsLegacy,
  tokenSnapshot,
} from "../test-support/keyed-store.ts";
import { DB_KINDS, dbKindEnabled, releaseTestPostgres } from "../test-support/test-database.ts";
import type { Store } from "./start-runtime.ts";

/** Each test starts the store several times; an embedded start takes seconds on a busy machine. */
const SLOW_START_MS = 240_000;
let sim: FlexSim;
beforeAll(async () => {
  sim = await startTestFlexSim(11);
});
afterAll(async () => {
  await sim.close();
  await releaseTestPostgres();
});

async function addLinks(store: Store, n: number) {
  const tokens = new Map<string, string>();
  for (let i = 0; i < n; i++) {
    const { linkId, token } = await createLinkedUser(store.db, sim, store.cipher, {
      query: smallQuery(`U77${String(i).padStart(5, "0")}`),
    });
    tokens.set(linkId, token);
  }
  return tokens;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("config");
  return error as AppError;
}

describe.each(DB_KINDS)("token key at start on %s", { timeout: SLOW_START_MS }, (kind) => {
  const run = dbKindEnabled(kind) ? it : it.skip;
  let h: KeyedStore;
  beforeEach(async () => {
    if (dbKindEnabled(kind)) h = await createKeyedStore(kind);
  });
  afterEach(async () => {
    await h?.cleanup();
  });

  run(
    "a first start makes the key outside the data dir, 0600 in a 0700 directory, and records it",
    async () => {
      const store = await h.open();
      const { keyFile } = h.config();
      expect(keyFile.startsWith(h.dataDir)).toBe(false);
      if (kind === "pglite")
        expect(keyFile.startsWith(join(h.home, ".config", "closeout", "keys"))).toBe(true);
      expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
      expect((await stat(dirname(keyFile))).mode & 0o777).toBe(0o700);
      const key = parseTokenKey(await readFile(keyFile, "utf8"));
      expect(store.cipher.keyId).toBe(tokenKeyFingerprint(key));
      expect((await tokenSnapshot(store.db)).fingerprint).toBe(store.cipher.keyId);
      if (kind === "pglite") {
        const inDataDir = await readdir(h.dataDir, { recursive: true });
        expect(inDataDir.filter((f) => f.endsWith(".key"))).toEqual([]);
      }
      await store.stop();
      const again = await h.open();
      expect(again.cipher.keyId).toBe(store.cipher.keyId);
      await again.stop();
      // With no links, a lost key is simply replaced by a new one.
      await rm(keyFile);
      const fresh = await h.open();
      expect(fresh.cipher.keyId).not.toBe(store.cipher.keyId);
      expect((await tokenSnapshot(fresh.db)).fingerprint).toBe(fresh.cipher.keyId);
    },
  );

  run(
    "while links exist, a start with another key or none is refused clearly, and changes nothing",
    async () => {
      const store = await h.open();
      await addLinks(store, 2);
      const before = await tokenSnapshot(store.db);
      await store.stop();
      const { keyFile } = h.config();
      const keyText = await readFile(keyFile, "utf8");

      const wrong = randomBytes(32).toString("base64");
      const error = await refusal(h.open({ CLOSEOUT_SECRET_KEY: wrong }));
      expect(error.message).toContain("is not the key this database's Flex tokens are encrypted with");
      expect(error.message).toContain(before.fingerprint!);
      expect(error.message).not.toContain(wrong);
      // The command line says the same, as one line with exit 2.
      const io = captureIo({ ...h.env, CLOSEOUT_SECRET_KEY: wrong });
      expect(await runCli(["migrate", "--data-dir", h.dataDir], io)).toBe(2);
      expect(io.stderr).toMatch(/^closeout: the token key from CLOSEOUT_SECRET_KEY .* is not the key/);
      expect(await readFile(keyFile, "utf8")).toBe(keyText);

      // The key file missing: refused too, and no new key is made.
      await rm(keyFile);
      const missing = await refusal(h.open());
      expect(missing.message).toContain(`the token key file ${keyFile} is missing`);
      expect(missing.message).toContain("2 linked accounts whose Flex tokens need it");
      await expect(stat(keyFile)).rejects.toThrow(/ENOENT/);

      await writeFile(keyFile, keyText, { mode: 0o600 });
      expect(await tokenSnapshot((await h.open()).db)).toEqual(before);
    },
  );

  run(
    "tokens sealed before key ids are read and re-sealed (an old in-data-dir key is moved out)",
    async () => {
      const store = await h.open();
      const tokens = await addLinks(store, 3);
      const { keyFile } = h.config();
      const keyText = await readFile(keyFile, "utf8");
      await rewriteAsLegacy(store.db, parseTokenKey(keyText), tokens);
      const legacy = await tokenSnapshot(store.db);
      expect(legacy.fingerprint).toBeNull();
      expect(legacy.links.map((l) => l.format)).toEqual([1, 1, 1]);
      await store.stop();
      if (kind === "pglite") {
        // An install from before 2026-12: the key in the data dir.
        await rm(keyFile);
        await writeFile(join(h.dataDir, "token.key"), keyText, { mode: 0o600 });
      }

      // The wrong key cannot prove itself on legacy tokens: refused, nothing re-sealed.
      const error = await refusal(h.open({ CLOSEOUT_SECRET_KEY: randomBytes(32).toString("base64") }));
      expect(error.message).toContain("does not open 3 of the 3 stored Flex tokens");

      const upgraded = await h.open();
      if (kind === "pglite") {
        await expect(stat(join(h.dataDir, "token.key"))).rejects.toThrow(/ENOENT/);
        expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
        expect(h.logs.some((l) => l.includes("moved the token key out of the data dir"))).toBe(true);
      }
      expect(await readFile(keyFile, "utf8")).toBe(keyText);
      const after = await tokenSnapshot(upgraded.db);
      expect(after.fingerprint).toBe(upgraded.cipher.keyId);
      expect(after.links.map((l) => [l.format, l.keyId])).toEqual(
        legacy.links.map(() => [2, upgraded.cipher.keyId]),
      );
      for (const [linkId, token] of tokens)
        expect(upgraded.cipher.decrypt((await loadLinkToken(upgraded.db.kysely, linkId))!, linkId)).toBe(
          token,
        );
      expect(h.logs.some((l) => l.includes("re-sealed with a key id") && l.includes('"links":3'))).toBe(true);
      // Idempotent: a second start re-seals nothing.
      await upgraded.stop();
      const third = await h.open();
      expect(await tokenSnapshot(third.db)).toEqual(after);
    },
  );

  run("a token copied onto another link's row does not decrypt, and its sync says so", async () => {
    const store = await h.open();
    const [a, b] = [...(await addLinks(store, 2)).keys()] as [string, string];
    await sql`update ib_links set (token_ciphertext, token_iv, token_tag) =
      (select token_ciphertext, token_iv, token_tag from ib_links o
        where o.id = case when ib_links.id = ${a} then ${b}::uuid else ${a}::uuid end)
      where id in (${a}, ${b})`.execute(store.db.kysely);
    for (const id of [a, b]) {
      const sealed = (await loadLinkToken(store.db.kysely, id))!;
      expect(() => store.cipher.decrypt(sealed, id)).toThrow(TokenDecryptError);
    }
    const outcome = await syncLink(
      { db: store.db, cipher: store.cipher, flexClient: testFlexClient(sim) },
      a,
    );
    expect(outcome.result).not.toBe("imported");
    const row = await store.db.kysely
      .selectFrom("ib_links")
      .select("status")
      .where("id", "=", a)
      .executeTakeFirst();
    expect(row?.status).toBe("token-invalid");
  });
});
