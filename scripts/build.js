// `npm run build`: compiles core, flex-sim and server to JavaScript with source maps (tsc project references,
// tsconfig.build.json; ADR 0012), then builds the web app. bin/closeout.js uses the same functions to rebuild
// only when a source is newer than the last build, so a pull never runs yesterday's code.
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { MAIN, ROOT, STAMP } from "./build-is-stale.js";

export { jsBuildIsStale } from "./build-is-stale.js";

/** Progress goes to stderr: stdout belongs to the command (e.g. `report --json`). */
function run(what, command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: ["ignore", 2, 2], env });
  if (result.status !== 0) {
    process.stderr.write(`closeout: ${what} failed (see above)\n`);
    process.exit(1);
  }
}

export function buildJs() {
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  } catch {
    // An install without dev dependencies runs what it has, when it has something.
    if (existsSync(MAIN)) return;
    process.stderr.write(
      "closeout: packages/server/dist is missing and TypeScript is not installed: run npm ci\n",
    );
    process.exit(1);
  }
  run("the build", process.execPath, [tsc, "-b", "tsconfig.build.json"]);
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}

/** A production build whatever NODE_ENV the caller has (React's development bundle otherwise). */
export function buildWeb() {
  run("the web app's build", "npm", ["run", "-s", "build", "-w", "@closeout/web"], {
    ...process.env,
    NODE_ENV: "production",
  });
}

export async function webBuildIsStale() {
  const { webBuildIsStale: isStale } = await import("../packages/server/dist/cli/web-build-is-stale.js");
  return isStale(join(ROOT, "packages/web"));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.stderr.write("closeout build: core, flex-sim and server (tsc -b)…\n");
  buildJs();
  process.stderr.write("closeout build: the web app (vite)…\n");
  buildWeb();
}
