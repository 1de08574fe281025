import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { webBuildIsStale } from "./web-build-is-stale.ts";

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function webDir(): string {
  dir = mkdtempSync(join(tmpdir(), "closeout-web-"));
  mkdirSync(join(dir, "src", "pages"), { recursive: true });
  writeFileSync(join(dir, "src", "pages", "a.tsx"), "x");
  writeFileSync(join(dir, "index.html"), "x");
  return dir;
}

const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);

describe("webBuildIsStale", () => {
  it("is stale without a build, fresh after one, and stale again when a nested source changes", () => {
    const web = webDir();
    expect(webBuildIsStale(web)).toBe(true);
    mkdirSync(join(web, "dist"));
    writeFileSync(join(web, "dist", "index.html"), "built");
    at(join(web, "src", "pages", "a.tsx"), 1_000);
    at(join(web, "index.html"), 1_000);
    at(join(web, "dist", "index.html"), 2_000);
    expect(webBuildIsStale(web)).toBe(false);
    at(join(web, "src", "pages", "a.tsx"), 3_000);
    expect(webBuildIsStale(web)).toBe(true);
  });
});
