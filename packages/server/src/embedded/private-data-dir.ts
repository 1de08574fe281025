// The data dir holds the whole embedded database (users, sessions, encrypted tokens) and, by default, the token
// key: only its owner may enter it. A new one is created 0700; an existing one with group or other bits is
// tightened to 0700, with a warning that says what was changed.
import { chmod, mkdir, stat } from "node:fs/promises";

export interface PrivateDataDirResult {
  /** The mode it had when it was looser than 0700 (and was tightened), else null. */
  readonly tightenedFrom: number | null;
}

export async function ensurePrivateDataDir(
  dataDir: string,
  warn: (message: string, fields: Record<string, unknown>) => void = () => {},
): Promise<PrivateDataDirResult> {
  // mode applies to the directories mkdir creates (less the umask, which never takes the owner's bits).
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const mode = (await stat(dataDir)).mode & 0o777;
  if ((mode & 0o077) === 0) return { tightenedFrom: null };
  await chmod(dataDir, mode & 0o700);
  warn("the data directory was readable by other users; its mode was changed", {
    dataDir,
    from: `0${mode.toString(8)}`,
    to: `0${(mode & 0o700).toString(8)}`,
  });
  return { tightenedFrom: mode };
}
