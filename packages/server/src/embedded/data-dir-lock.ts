// One process per embedded data dir: PGlite is a single Postgres backend, so two processes writing the same
// files would corrupt them. A lock file holding the owner's pid refuses the second process; a lock left by a
// process that died (kill -9, power loss) names a pid that no longer runs and is taken over.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import { AppError } from "../app-error.ts";

export const LOCK_FILE_NAME = "closeout.lock";

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

/** Data dirs locked by this process: a second open from the same process is refused too. */
const heldHere = new Set<string>();

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readOwner(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, "utf8").trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function inUse(dataDir: string, pid: number): AppError {
  return new AppError(
    "config",
    `the data directory ${dataDir} is in use by another closeout process (pid ${pid}); stop that process or use another data directory`,
  );
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE_NAME);
  if (heldHere.has(path)) {
    throw new AppError("config", `the data directory ${dataDir} is already open in this process`);
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, "wx", 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = readOwner(path);
      if (owner !== null && owner !== process.pid && isRunning(owner)) throw inUse(dataDir, owner);
      // Stale (dead owner, unreadable, or our own pid from a previous life): remove and try again.
      try {
        unlinkSync(path);
      } catch {}
      continue;
    }
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    heldHere.add(path);
    const onExit = () => release();
    process.once("exit", onExit);
    let released = false;
    function release(): void {
      if (released) return;
      released = true;
      heldHere.delete(path);
      process.off("exit", onExit);
      if (readOwner(path) === process.pid) {
        try {
          unlinkSync(path);
        } catch {}
      }
    }
    return { path, release };
  }
  throw new AppError("config", `could not lock the data directory ${dataDir}`);
}
