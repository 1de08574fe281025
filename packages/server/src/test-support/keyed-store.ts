// The real store (openStore) on a temp data dir and a temp home, or on a fresh PostgreSQL database with a temp
// key file: for the token key tests, which start, stop and restart it with right, wrong and missing keys.
import { createCipheriv, randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { createJsonLogger } from "../api/logger.ts";
import { parseServeConfig, type ServeConfig } from "../config/serve-config.ts";
import type { Db, DbKind } from "../db/database.ts";
import { openStore, type Store } from "../runtime/start-runtime.ts";
import { createTestPostgresDatabase } from "./test-database.ts";

export type Env = Record<string, string | undefined>;

export interface KeyedStore {
  readonly dataDir: string;
  readonly home: string;
  /** The environment every start gets (HOME; on PostgreSQL also DATABASE_URL and CLOSEOUT_KEY_FILE). */
  readonly env: Env;
  /** Everything the stores logged, one JSON line each. */
  readonly logs: string[];
  config(extra?: Env): ServeConfig;
  open(extra?: Env, options?: { keyLock?: "shared" | "exclusive" }): Promise<Store>;
  cleanup(): Promise<void>;
}

export async function createKeyedStore(kind: DbKind): Promise<KeyedStore> {
  const root = await mkdtemp(join(tmpdir(), "closeout-keys-"));
  const home = join(root, "home");
  const dataDir = join(root, "data");
  const pg = kind === "postgres" ? await createTestPostgresDatabase() : null;
  const env: Env = pg
    ? { HOME: home, DATABASE_URL: pg.url, CLOSEOUT_KEY_FILE: join(home, "secrets", "token.key") }
    : { HOME: home };
  const logs: string[] = [];
  const config = (extra: Env = {}) => parseServeConfig({ ...env, ...extra }, { "data-dir": dataDir });
  const opened = new Set<Store>();
  return {
    dataDir,
    home,
    env,
    logs,
    config,
    async open(extra = {}, options = {}) {
      const store = await openStore(
        config(extra),
        createJsonLogger((line) => logs.push(line)),
        options,
      );
      opened.add(store);
      return store;
    },
    async cleanup() {
      for (const store of opened) await store.stop();
      await pg?.drop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Every link's sealed token and the recorded fingerprint, as comparable text. */
export async function tokenSnapshot(db: Db) {
  const links = await db.kysely
    .selectFrom("ib_links")
    .select(["id", "token_ciphertext", "token_iv", "token_tag", "token_format", "token_key_id"])
    .orderBy("id")
    .execute();
  const key = await db.kysely.selectFrom("token_key").select("fingerprint").executeTakeFirst();
  return {
    fingerprint: key?.fingerprint ?? null,
    links: links.map((l) => ({
      id: l.id,
      sealed: [l.token_ciphertext, l.token_iv, l.token_tag]
        .map((b) => Buffer.from(b).toString("hex"))
        .join(":"),
      format: l.token_format,
      keyId: l.token_key_id,
    })),
  };
}

/**
 * Puts the database back in the state the 2026-12-02 migration leaves: no recorded key, and each token sealed
 * as before key ids (AES-256-GCM under `key`, no associated data).
 */
export async function rewriteAsLegacy(
  db: Db,
  key: Buffer,
  tokens: ReadonlyMap<string, string>,
): Promise<void> {
  await db.kysely.deleteFrom("token_key").execute();
  for (const [linkId, token] of tokens) {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    const ciphertext = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
    await sql`update ib_links set token_ciphertext = ${ciphertext}, token_iv = ${iv},
      token_tag = ${cipher.getAuthTag()}, token_format = 1, token_key_id = null where id = ${linkId}`.execute(
      db.kysely,
    );
  }
}
