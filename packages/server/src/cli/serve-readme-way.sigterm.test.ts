// `serve` started the way the README says (`npm run -s closeout -- serve`) stops on one SIGTERM sent to the
// process that was started (npm): the port is freed and no process of it remains. The script runs the built
// CLI, so on a clean clone this test's first start builds it (bin/closeout.js); the web app is a stand-in.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { TEST_WEB_DIST } from "../test-support/spawn-cli.ts";

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "closeout-sigterm-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Pids of live processes whose command line mentions `marker`. */
function processesMentioning(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(marker)) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function waitForServing(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const line = out.split("\n").find((l) => l.includes('"msg":"serving"'));
      if (line) resolve(Number(new URL(JSON.parse(line).url).port));
    });
    child.stderr?.on("data", (d: Buffer) => {
      err += d.toString();
    });
    child.once("exit", (code) => reject(new Error(`serve exited (${code}) before serving: ${out} ${err}`)));
  });
}

describe("serve started as the README says", () => {
  it("stops on one SIGTERM to npm: the port is freed and no process remains", {
    timeout: 900_000,
  }, async () => {
    const dataDir = join(dir, "data");
    // Only what the child needs: no DATABASE_URL or CLOSEOUT_* setting of the caller leaks in.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(
        ([k]) => !k.startsWith("CLOSEOUT_") && k !== "DATABASE_URL" && k !== "NODE_OPTIONS",
      ),
    );
    const npm = spawn("npm", ["run", "-s", "closeout", "--", "serve", "--port", "0", "--data-dir", dataDir], {
      cwd: ROOT,
      env: { ...env, CLOSEOUT_KEY_FILE: join(dir, "token.key"), CLOSEOUT_WEB_DIST: TEST_WEB_DIST },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<number | null>((resolve) => npm.once("exit", (code) => resolve(code)));
    try {
      const port = await waitForServing(npm);
      expect(await portAnswers(port)).toBe(true);
      expect(processesMentioning(dataDir).length).toBeGreaterThan(0);

      npm.kill("SIGTERM");
      await exited;
      // The server may finish its shutdown a moment after npm has gone: allow it a generous while.
      for (let i = 0; i < 300 && processesMentioning(dataDir).length > 0; i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(processesMentioning(dataDir)).toEqual([]);
      expect(await portAnswers(port)).toBe(false);
    } finally {
      for (const pid of processesMentioning(dataDir)) process.kill(pid, "SIGKILL");
    }
  });
});
