// Fresh, migrated databases for tests. PGlite: restored from a data dir dumped once after migrating (much
// faster than initdb per test). PostgreSQL: a database cloned from a migrated template on a throwaway cluster
// (or on the cluster named by CLOSEOUT_TEST_DATABASE_URL), dropped again on close().
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { readFile, rename, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import {
  type DatabaseTimeouts,
  type Db,
  type DbKind,
  openPglite,
  openPostgres,
  PGLITE_PARSERS,
} from "../db/database.ts";
import { MIGRATIONS, migrateToLatest } from "../db/migrate.ts";
import { startTestPostgres, type TestPostgres } from "./postgres.ts";

export const DB_KINDS: readonly DbKind[] = ["pglite", "postgres"];

/** The PostgreSQL leg runs when CI asks for it (CLOSEOUT_TEST_PG=1) or hands over a cluster URL. */
export function postgresTestsEnabled(): boolean {
  return process.env.CLOSEOUT_TEST_PG === "1" || Boolean(process.env.CLOSEOUT_TEST_DATABASE_URL);
}

export function dbKindEnabled(kind: DbKind): boolean {
  return kind === "pglite" || postgresTestsEnabled();
}

let pgliteImage: Promise<Blob> | null = null;

/** The image is shared between test files (workers) through a temp file named after the migrations' code. */
function imagePath(): string {
  const hash = createHash("sha256");
  for (const [name, migration] of Object.entries(MIGRATIONS))
    hash.update(`${name}\n${migration.up.toString()}\n`);
  // A PGlite upgrade may change the data dir format: its package.json is part of the key.
  hash.update(readFileSync(new URL("../package.json", import.meta.resolve("@electric-sql/pglite"))));
  return join(tmpdir(), `closeout-pglite-${hash.digest("hex").slice(0, 16)}.tar`);
}

async function migratedPgliteImage(): Promise<Blob> {
  const path = imagePath();
  try {
    return new Blob([await readFile(path)]);
  } catch {}
  const pglite = await PGlite.create({ parsers: PGLITE_PARSERS });
  const db = openPglite(pglite);
  await migrateToLatest(db);
  const image = await pglite.dumpDataDir("none");
  await db.close();
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, new Uint8Array(await image.arrayBuffer()));
  await rename(temp, path);
  return image;
}

export async function createTestPglite(timeouts: DatabaseTimeouts = {}): Promise<Db> {
  pgliteImage ??= migratedPgliteImage();
  const pglite = await PGlite.create({ loadDataDir: await pgliteImage, parsers: PGLITE_PARSERS });
  return openPglite(pglite, timeouts);
}

interface SharedCluster {
  readonly adminUrl: string;
  readonly template: string;
  readonly owned: TestPostgres | null;
}

let cluster: Promise<SharedCluster> | null = null;

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function startCluster(): Promise<SharedCluster> {
  const given = process.env.CLOSEOUT_TEST_DATABASE_URL;
  const owned = given ? null : await startTestPostgres();
  const adminUrl = given ?? owned!.adminUrl;
  const template = `closeout_tpl_${process.pid}_${randomBytes(4).toString("hex")}`;
  await admin(adminUrl, (c) => c.query(`create database ${template}`));
  const db = openPostgres(withDatabase(adminUrl, template), { max: 2 });
  try {
    await migrateToLatest(db);
  } finally {
    await db.close();
  }
  return { adminUrl, template, owned };
}

/** URL of a fresh PostgreSQL database (migrated unless `empty`), and a function that drops it. */
export async function createTestPostgresDatabase(
  options: { empty?: boolean } = {},
): Promise<{ url: string; drop(): Promise<void> }> {
  cluster ??= startCluster();
  const { adminUrl, template } = await cluster;
  const name = `closeout_t_${randomBytes(6).toString("hex")}`;
  await admin(adminUrl, (c) =>
    c.query(`create database ${name} template ${options.empty ? "template0" : template}`),
  );
  return {
    url: withDatabase(adminUrl, name),
    drop: () =>
      admin(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`)).then(() => {}),
  };
}

export async function createTestDb(kind: DbKind, timeouts: DatabaseTimeouts = {}): Promise<Db> {
  if (kind === "pglite") return createTestPglite(timeouts);
  const { url, drop } = await createTestPostgresDatabase();
  const db = openPostgres(url, { max: 5, ...timeouts });
  return {
    ...db,
    async close() {
      await db.close();
      await drop();
    },
  };
}

/** Call from afterAll: drops the template and stops a cluster this process started. */
export async function releaseTestPostgres(): Promise<void> {
  if (cluster === null) return;
  const shared = await cluster.catch(() => null);
  cluster = null;
  if (shared === null) return;
  if (shared.owned) await shared.owned.stop();
  else
    await admin(shared.adminUrl, (c) => c.query(`drop database if exists ${shared.template} with (force)`));
}
