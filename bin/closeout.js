#!/usr/bin/env node
// The `closeout` command (package.json "bin"; `npm run closeout` and `npm start` run it too). It runs the built
// CLI in packages/server/dist, rebuilt first when a source is newer than the last build, and, for `serve`, the
// web app likewise (`demo` builds its own). Plain JavaScript in one process: nothing a user runs needs tsx, and
// a signal reaches the CLI itself (ADR 0012).
import { jsBuildIsStale } from "../scripts/build-is-stale.js";

const command = process.argv[2];
if (jsBuildIsStale()) {
  process.stderr.write("closeout: building (first start, or the sources changed)…\n");
  (await import("../scripts/build.js")).buildJs();
}
// CLOSEOUT_WEB_DIST names a web app built elsewhere.
if (command === "serve" && !process.env.CLOSEOUT_WEB_DIST) {
  const { buildWeb, webBuildIsStale } = await import("../scripts/build.js");
  if (await webBuildIsStale()) {
    process.stderr.write("closeout: building the web app (first start, or its sources changed)…\n");
    buildWeb();
  }
}
await import("../packages/server/dist/cli/main.js");
