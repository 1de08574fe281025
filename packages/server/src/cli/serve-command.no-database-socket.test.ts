// The real `closeout serve` as a child process: the only socket it listens on is its HTTP port. The embedded
// database runs in-process and opens no port and no Unix socket that a local process could connect to; on
// PostgreSQL the process only connects out. Read from /proc (the process's socket inodes against the kernel's
// tables of listening sockets), so nothing the process says about itself is trusted. The data dir is 0700.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, readlink, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { TEST_WEB_DIST } from "../test-support/spawn-cli.ts";
import {
  createTestPostgresDatabase,
  postgresTestsEnabled,
  releaseTestPostgres,
} from "../test-support/test-database.ts";

const MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));

afterAll(releaseTestPostgres);

interface Listener {
  readonly kind: "tcp" | "tcp6" | "unix";
  readonly port: number | null;
}

/** Inodes of the sockets the process holds open. */
async function socketInodes(pid: number): Promise<Set<string>> {
  const inodes = new Set<string>();
  for (const fd of await readdir(`/proc/${pid}/fd`)) {
    const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => "");
    const match = /^socket:\[(\d+)\]$/.exec(target);
    if (match?.[1]) inodes.add(match[1]);
  }
  return inodes;
}

/** Every listening socket of the process: TCP rows in state 0A (LISTEN), Unix sockets flagged __SO_ACCEPTCON. */
async function listeners(pid: number): Promise<Listener[]> {
  const mine = await socketInodes(pid);
  const found: Listener[] = [];
  for (const kind of ["tcp", "tcp6"] as const) {
    const rows = (await readFile(`/proc/net/${kind}`, "utf8")).trim().split("\n").slice(1);
    for (const row of rows) {
      const cols = row.trim().split(/\s+/);
      const [local, state, inode] = [cols[1], cols[3], cols[9]];
      if (state === "0A" && inode && mine.has(inode))
        found.push({ kind, port: Number.parseInt(local?.split(":")[1] ?? "", 16) });
    }
  }
  const unix = (await readFile("/proc/net/unix", "utf8")).trim().split("\n").slice(1);
  for (const row of unix) {
    const cols = row.trim().split(/\s+/);
    const [flags, inode] = [cols[3], cols[6]];
    if (inode && mine.has(inode) && (Number.parseInt(flags ?? "0", 16) & 0x10000) !== 0)
      found.push({ kind: "unix", port: null });
  }
  return found;
}

/** Starts `closeout serve --port 0` and resolves with its HTTP port once it logs "serving". */
function startServe(
  args: string[],
  env: Record<string, string>,
): Promise<{ child: ChildProcess; port: number }> {
  // Only what the child needs: no DATABASE_URL or CLOSEOUT_* setting of the caller leaks in.
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("CLOSEOUT_") && k !== "DATABASE_URL"),
  );
  const child = spawn(
    process.execPath,
    ["--conditions=closeout-source", "--import", "tsx", MAIN, "serve", "--port", "0", ...args],
    {
      env: { ...base, CLOSEOUT_WEB_DIST: TEST_WEB_DIST, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const line = out.split("\n").find((l) => l.includes('"msg":"serving"'));
      if (line) resolve({ child, port: Number(new URL(JSON.parse(line).url).port) });
    });
    child.stderr?.on("data", (d: Buffer) => {
      err += d.toString();
    });
    child.once("exit", (code) => reject(new Error(`serve exited (${code}) before serving: ${out} ${err}`)));
  });
}

async function stopServe(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

interface Leg {
  readonly embedded: boolean;
  readonly env: Record<string, string>;
  done(): Promise<void>;
}

const legs: [string, () => Promise<Leg>][] = [
  ["the embedded database", async () => ({ embedded: true, env: {}, done: async () => {} })],
];
if (postgresTestsEnabled()) {
  legs.push([
    "PostgreSQL",
    async () => {
      const { url, drop } = await createTestPostgresDatabase();
      return {
        embedded: false,
        env: { DATABASE_URL: url, CLOSEOUT_SECRET_KEY: randomBytes(32).toString("base64") },
        done: drop,
      };
    },
  ]);
}

describe.each(legs)("closeout serve on %s", (_name, prepare) => {
  // A fresh embedded data dir runs initdb: slow on a busy machine.
  it("listens on its HTTP port only, and keeps its data dir private", { timeout: 180_000 }, async () => {
    const root = await mkdtemp(join(tmpdir(), "closeout-nosocket-"));
    const dataDir = join(root, "data");
    const leg = await prepare();
    let child: ChildProcess | null = null;
    try {
      const started = await startServe(["--data-dir", dataDir], leg.env);
      child = started.child;
      const pid = child.pid ?? 0;
      expect((await fetch(`http://127.0.0.1:${started.port}/healthz`)).status).toBe(200);
      // Seeing the HTTP listener also shows that the check finds the listeners it looks for.
      expect(await listeners(pid)).toEqual([{ kind: "tcp", port: started.port }]);
      if (leg.embedded) expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    } finally {
      if (child) await stopServe(child);
      await leg.done();
      await rm(root, { recursive: true, force: true });
    }
  });
});
