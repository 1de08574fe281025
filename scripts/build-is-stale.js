// Whether the built CLI is older than its sources. Kept apart from build.js, which loads child_process and
// TypeScript's location, so that bin/closeout.js pays only for a walk of the source trees when nothing changed.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const MAIN = join(ROOT, "packages/server/dist/cli/main.js");
/** Written after each successful compile: a build interrupted half-way is stale. */
export const STAMP = join(ROOT, "packages/server/dist/.build-stamp");
const INPUTS = [
  "tsconfig.json",
  "tsconfig.build.json",
  ...["core", "flex-sim", "server"].flatMap((p) => [
    `packages/${p}/src`,
    `packages/${p}/package.json`,
    `packages/${p}/tsconfig.build.json`,
  ]),
];

/** Newest mtime under `path`; directories count too, so a deleted source makes the build stale. */
function newestMtime(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function jsBuildIsStale() {
  const built = statSync(STAMP, { throwIfNoEntry: false });
  if (built === undefined || !existsSync(MAIN)) return true;
  return INPUTS.some((input) => newestMtime(join(ROOT, input)) > built.mtimeMs);
}
