// Emits dist/sw.js from sw/service-worker.js with the list of files to precache (the app shell and every
// hashed asset of this build) and a version derived from that list, so each deploy installs a fresh shell.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Plugin } from "vite";

export function serviceWorkerPlugin(source: string): Plugin {
  return {
    name: "closeout-service-worker",
    apply: "build",
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((name) => !name.endsWith(".map") && name !== "sw.js")
        .map((name) => `/${name}`);
      const precache = [
        ...new Set([
          "/index.html",
          "/manifest.webmanifest",
          "/theme-init.js",
          "/icons/icon.svg",
          "/icons/icon-192.png",
          ...files,
        ]),
      ].sort();
      const version = createHash("sha256").update(precache.join("\n")).digest("hex").slice(0, 12);
      const code = readFileSync(source, "utf8")
        .replace('const VERSION = "__VERSION__";', `const VERSION = ${JSON.stringify(version)};`)
        .replace("const PRECACHE = __PRECACHE__;", `const PRECACHE = ${JSON.stringify(precache)};`);
      if (code.includes("__VERSION__") || code.includes("__PRECACHE__")) {
        this.error("sw/service-worker.js: the VERSION / PRECACHE placeholders were not filled in");
      }
      this.emitFile({ type: "asset", fileName: "sw.js", source: code });
    },
  };
}
