// A throwaway PostgreSQL cluster for tests: initdb into a temp dir, start on a free loopback port, create a
// database, and remove everything on stop(). As root (CI), the server binaries run as the `postgres` user.
import { execFile, execFileSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { chown, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface TestPostgres {
  /** postgres://…/closeout_test on the cluster's loopback port. */
  readonly url: string;
  /** Maintenance database URL (for CREATE DATABASE). */
  readonly adminUrl: string;
  stop(): Promise<void>;
}

const STOP_SIGNALS: readonly NodeJS.Signals[] = ["SIGTERM", "SIGINT", "SIGHUP"];

const FALLBACK_BIN_DIRS = [
  "/usr/lib/postgresql/15/bin",
  "/usr/lib/postgresql/16/bin",
  "/usr/lib/postgresql/17/bin",
];

/** The folder holding initdb and pg_ctl: PATH first, then Debian's versioned folders. */
export function findPostgresBinDir(): string | null {
  const pathDirs = (process.env.PATH ?? "").split(delimiter).filter(Boolean);
  for (const dir of [...pathDirs, ...FALLBACK_BIN_DIRS]) {
    if (existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl"))) return dir;
  }
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("could not pick a free port"));
      });
    });
  });
}

async function postgresUserIds(): Promise<{ uid: number; gid: number }> {
  const { stdout: uid } = await run("id", ["-u", "postgres"]);
  const { stdout: gid } = await run("id", ["-g", "postgres"]);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const binDir = findPostgresBinDir();
  if (binDir === null)
    throw new Error("PostgreSQL binaries (initdb, pg_ctl) not found on PATH or in /usr/lib/postgresql");
  const asRoot = process.getuid?.() === 0;
  const dir = await mkdtemp(join(tmpdir(), "closeout-pg-"));
  const dataDir = join(dir, "data");
  if (asRoot) {
    const { uid, gid } = await postgresUserIds();
    await chown(dir, uid, gid);
  }
  const exec = (tool: string, args: string[]) =>
    asRoot
      ? run("runuser", ["-u", "postgres", "--", join(binDir, tool), ...args])
      : run(join(binDir, tool), args);

  await exec("initdb", ["-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-instructions", "-D", dataDir]);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  await exec("pg_ctl", ["start", "-w", "-s", "-D", dataDir, "-l", join(dir, "server.log"), "-o", options]);

  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const url = `postgres://postgres@127.0.0.1:${port}/closeout_test`;
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query("create database closeout_test");
  await client.end();

  let stopped = false;
  // A test run that forgets stop() (or dies) must not leave a server behind.
  const stopOnExit = () => {
    if (stopped) return;
    stopped = true;
    const args = ["stop", "-s", "-m", "immediate", "-D", dataDir];
    try {
      if (asRoot) execFileSync("runuser", ["-u", "postgres", "--", join(binDir, "pg_ctl"), ...args]);
      else execFileSync(join(binDir, "pg_ctl"), args);
    } catch {}
    rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", stopOnExit);
  // A run killed by a signal (e.g. a `timeout` wrapper) skips "exit": stop the cluster, then die as asked.
  const onSignal = (signal: NodeJS.Signals) => {
    stopOnExit();
    process.kill(process.pid, signal);
  };
  for (const signal of STOP_SIGNALS) process.once(signal, onSignal);
  return {
    url,
    adminUrl,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.off("exit", stopOnExit);
      for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
      await exec("pg_ctl", ["stop", "-s", "-m", "immediate", "-D", dataDir]).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
