// `closeout rotate-key` through the command line, on the embedded database in a temp data dir and on
// PostgreSQL: every token re-sealed under a new key in one transaction, the old key refused afterwards, syncs
// against flex-sim still decrypting, an interrupted rotation finished by the next start, and the operator's
// own new key file for a key given in CLOSEOUT_SECRET_KEY.
import { randomBytes } from "node:crypto";
import { chmod, readFile, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { FlexSim } from "@closeout/flex-sim";
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../app-error.ts";
import { parseTokenKey, tokenKeyFingerprint } from "../crypto/token-cipher.ts";
import type { Store } from "../runtime/start-runtime.ts";
import { syncLink } from "../sync/sync-link.ts";
import { createLinkedUser, smallQuery, startTestFlexSim, testFlexClient } from "../sync/sync-test-kit.ts";
import { createKeyedStore, type Env, type KeyedStore, tokenSnapshot } from "../test-support/keyed-store.ts";
import { DB_KINDS, dbKindEnabled, releaseTestPostgres } from "../test-support/test-database.ts";
import { captureIo } from "./cli-io.ts";
import { runCli } from "./run-cli.ts";

/** Each test starts the store several times; an embedded start takes seconds on a busy machine. */
const SLOW_START_MS = 240_000;
let sim: FlexSim;
beforeAll(async () => {
  sim = await startTestFlexSim(12);
});
afterAll(async () => {
  await sim.close();
  await releaseTestPostgres();
});

async function addLinks(store: Store, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { linkId } = await createLinkedUser(store.db, sim, store.cipher, {
      query: smallQuery(`U88${String(i).padStart(5, "0")}`, { executions: 12 }),
    });
    ids.push(linkId);
  }
  return ids;
}

async function syncAll(store: Store, linkIds: readonly string[]) {
  const results: string[] = [];
  for (const id of linkIds)
    results.push(
      (
        await syncLink(
          { db: store.db, cipher: store.cipher, flexClient: testFlexClient(sim), syncLeaseMs: 0 },
          id,
        )
      ).result,
    );
  return results;
}

describe.each(DB_KINDS)("closeout rotate-key on %s", { timeout: SLOW_START_MS }, (kind) => {
  const run = dbKindEnabled(kind) ? it : it.skip;
  let h: KeyedStore;
  beforeEach(async () => {
    if (dbKindEnabled(kind)) h = await createKeyedStore(kind);
  });
  afterEach(async () => {
    await h?.cleanup();
  });
  const cli = async (args: string[], extra: Env = {}) => {
    const io = captureIo({ ...h.env, ...extra });
    const code = await runCli(["rotate-key", "--data-dir", h.dataDir, ...args], io);
    return { code, stdout: io.stdout, stderr: io.stderr };
  };

  run("re-seals every token with a new key; the old key is refused, syncs still decrypt", async () => {
    const store = await h.open();
    const links = await addLinks(store, 3);
    const before = await tokenSnapshot(store.db);
    await store.stop();
    const { keyFile } = h.config();
    const oldKey = await readFile(keyFile, "utf8");

    const rotated = await cli([]);
    expect(rotated.stderr).toBe("");
    expect(rotated.code).toBe(0);
    const newKey = await readFile(keyFile, "utf8");
    const newId = tokenKeyFingerprint(parseTokenKey(newKey));
    expect(rotated.stdout).toContain(`re-encrypted 3 Flex tokens with key ${newId}`);
    expect(newId).not.toBe(before.fingerprint);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    await expect(stat(`${keyFile}.next`)).rejects.toThrow(/ENOENT/);

    // The old key no longer opens the database.
    const refused = await h.open({ CLOSEOUT_SECRET_KEY: oldKey.trim() }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).message).toContain(`(key id ${newId})`);

    const reopened = await h.open();
    const after = await tokenSnapshot(reopened.db);
    expect(after.fingerprint).toBe(newId);
    expect(after.links.map((l) => l.id)).toEqual(before.links.map((l) => l.id));
    for (const [i, link] of after.links.entries()) {
      expect(link).toMatchObject({ format: 2, keyId: newId });
      expect(link.sealed).not.toBe(before.links[i]!.sealed);
    }
    expect(await syncAll(reopened, links)).toEqual(["imported", "imported", "imported"]);
    await reopened.stop();

    // A crash after the commit and before the new key replaced the old one: the next start finishes it.
    await writeFile(`${keyFile}.next`, newKey, { mode: 0o600 });
    await writeFile(keyFile, oldKey, { mode: 0o600 });
    const recovered = await h.open();
    expect(recovered.cipher.keyId).toBe(newId);
    expect(await readFile(keyFile, "utf8")).toBe(newKey);
    await expect(stat(`${keyFile}.next`)).rejects.toThrow(/ENOENT/);
    expect(h.logs.some((l) => l.includes("finished an interrupted key rotation"))).toBe(true);
    expect(await syncAll(recovered, links.slice(0, 1))).toEqual(["imported"]);
  });

  run("one token the current key cannot open stops the whole rotation: nothing changes", async () => {
    const store = await h.open();
    await addLinks(store, 3);
    // The last row in the rotation's order: the rows before it would be re-sealed already, were it not one
    // transaction.
    const last = (await tokenSnapshot(store.db)).links.at(-1)!.id;
    await sql`update ib_links set token_tag = ${randomBytes(16)} where id = ${last}`.execute(store.db.kysely);
    const before = await tokenSnapshot(store.db);
    await store.stop();
    const { keyFile } = h.config();
    const keyText = await readFile(keyFile, "utf8");

    const rotated = await cli([]);
    expect(rotated.code).toBe(2);
    expect(rotated.stderr).toContain(`the token of link ${last} cannot be opened with the current key`);
    expect(await readFile(keyFile, "utf8")).toBe(keyText);
    await expect(stat(`${keyFile}.next`)).rejects.toThrow(/ENOENT/);
    expect(await tokenSnapshot((await h.open()).db)).toEqual(before);
  });

  run("a key from CLOSEOUT_SECRET_KEY rotates to the operator's --new-key-file", async () => {
    const oldKey = randomBytes(32).toString("base64");
    const store = await h.open({ CLOSEOUT_SECRET_KEY: oldKey });
    const links = await addLinks(store, 2);
    await store.stop();

    const noFile = await cli([], { CLOSEOUT_SECRET_KEY: oldKey });
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain("give the new one with --new-key-file F");
    const newKeyFile = join(dirname(h.dataDir), "new.key");
    const newKey = randomBytes(32);
    await writeFile(newKeyFile, newKey.toString("base64"), { mode: 0o644 });
    const loose = await cli(["--new-key-file", newKeyFile], { CLOSEOUT_SECRET_KEY: oldKey });
    expect(loose.code).toBe(2);
    expect(loose.stderr).toContain("run chmod 600 on it");

    await chmod(newKeyFile, 0o600);
    const rotated = await cli(["--new-key-file", newKeyFile, "--json"], { CLOSEOUT_SECRET_KEY: oldKey });
    expect(rotated.code).toBe(0);
    expect(JSON.parse(rotated.stdout)).toEqual({
      keyId: tokenKeyFingerprint(newKey),
      links: 2,
      keyFile: newKeyFile,
    });
    await expect(h.open({ CLOSEOUT_SECRET_KEY: oldKey })).rejects.toThrow(/is not the key/);
    const reopened = await h.open({ CLOSEOUT_KEY_FILE: newKeyFile });
    expect(await syncAll(reopened, links)).toEqual(["imported", "imported"]);
  });

  if (kind === "postgres")
    run("refuses while another process holds the store, and a start waits out a rotation", async () => {
      const other = await h.open();
      await addLinks(other, 1);
      const before = await tokenSnapshot(other.db);
      const refused = await cli([]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain("other closeout processes");
      expect(await tokenSnapshot(other.db)).toEqual(before);
      await other.stop();

      const rotating = await h.open({}, { keyLock: "exclusive" });
      await expect(h.open()).rejects.toThrow(/a token key rotation \(closeout rotate-key\) is running/);
      await rotating.stop();
      await (await h.open()).stop();
    });
});
