// The demo serves packages/web/dist. Built once and never again, it would show yesterday's web app after a
// pull, so it is rebuilt whenever a source of the web app is newer than the built index.html.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const SOURCES = ["src", "sw", "public", "index.html", "vite.config.ts", "sw-plugin.ts", "package.json"];

function newestMtime(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when dist/index.html is missing or older than any source of the web app. */
export function webBuildIsStale(webDir: string): boolean {
  const built = statSync(join(webDir, "dist", "index.html"), { throwIfNoEntry: false });
  if (built === undefined) return true;
  return SOURCES.some((source) => newestMtime(join(webDir, source)) > built.mtimeMs);
}
