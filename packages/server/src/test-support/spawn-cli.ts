// Runs `closeout <command>` as a real child process (node + tsx, as `npm start` does) and collects its JSON
// log lines, for tests that signal or kill it.
import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const MAIN = join(dirname(fileURLToPath(import.meta.url)), "../cli/main.ts");
/** A stand-in web app: `serve` refuses to start without one, and tests do not build the real one. */
export const TEST_WEB_DIST = join(dirname(fileURLToPath(import.meta.url)), "web-dist");

export interface CliChild {
  readonly child: ChildProcess;
  /** Parsed JSON lines the child has logged so far. */
  readonly logs: Record<string, unknown>[];
  /** Everything on stdout and stderr, for failure messages. */
  output(): string;
  /** Resolves with the first log entry `match` accepts (rejects after timeoutMs or when the child exits). */
  waitForLog(
    match: (entry: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  /** Resolves with the exit code and signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnCli(args: readonly string[], env: Record<string, string>): CliChild {
  const child = spawn(process.execPath, ["--conditions=closeout-source", "--import", "tsx", MAIN, ...args], {
    env: { CLOSEOUT_WEB_DIST: TEST_WEB_DIST, ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: Record<string, unknown>[] = [];
  let text = "";
  let partial = "";
  const listeners = new Set<() => void>();
  child.stdout!.on("data", (d: Buffer) => {
    text += d.toString();
    partial += d.toString();
    const lines = partial.split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {}
    }
    for (const l of listeners) l();
  });
  child.stderr!.on("data", (d: Buffer) => {
    text += d.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on("exit", (code, signal) => {
      resolve({ code, signal });
      for (const l of listeners) l();
    });
  });
  return {
    child,
    logs,
    output: () => text,
    exited,
    waitForLog(match, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = logs.find(match);
          if (found) {
            cleanup();
            resolve(found);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            cleanup();
            reject(new Error(`the child exited before logging what was awaited: ${text}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out waiting for a log line: ${text}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
  };
}
