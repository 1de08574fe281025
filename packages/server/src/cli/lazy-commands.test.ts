// The offline commands and --help load core and the CLI's output code only: a process that runs them never
// resolves the database (PGlite, pg, Kysely), the queue (pg-boss), the HTTP server (Hono) or flex-sim. The CLI
// runs as a real child process with a module hook that makes loading any of those fail and records it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { samplePath } from "../../../core/src/test-support/samples.ts";

const MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));
const FORBID = fileURLToPath(new URL("../test-support/forbid-modules.mjs", import.meta.url));
const FORBIDDEN = [
  "/node_modules/@electric-sql/",
  "/node_modules/pg/",
  "/node_modules/pg-boss/",
  "/node_modules/kysely/",
  "/node_modules/hono/",
  "/node_modules/@hono/",
  "/packages/flex-sim/",
  "/packages/server/src/db/",
];
const SAMPLE = samplePath("vroonhof_opensteuerauszug_eTax_report_anonymised_2025.xml");

const dir = mkdtempSync(join(tmpdir(), "closeout-lazy-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runWithForbiddenModules(args: string[], forbidden: readonly string[] = FORBIDDEN) {
  const log = join(dir, `${args.join("_").replace(/\W+/g, "-")}.log`);
  writeFileSync(log, "");
  const run = spawnSync(
    process.execPath,
    ["--conditions=closeout-source", "--import", "tsx", "--import", FORBID, MAIN, ...args],
    {
      encoding: "utf8",
      env: { ...process.env, CLOSEOUT_FORBIDDEN_MODULES: forbidden.join(","), CLOSEOUT_FORBIDDEN_LOG: log },
    },
  );
  return { ...run, loaded: readFileSync(log, "utf8").split("\n").filter(Boolean) };
}

describe("offline commands load neither the database, the queue, Hono nor flex-sim", () => {
  it.each([
    [["--help"]],
    [["report", SAMPLE]],
    [["report", "--json", SAMPLE]],
    [["check-query", SAMPLE]],
    [["returns", SAMPLE]],
  ])("closeout %j", (args) => {
    const run = runWithForbiddenModules(args);
    expect(run.loaded).toEqual([]);
    expect(run.stderr).not.toMatch(/forbidden module/);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/\S/);
  });

  it("the hook does catch a command that loads them (migrate)", () => {
    const run = runWithForbiddenModules(["migrate", "--data-dir", join(dir, "data")]);
    expect(run.loaded.length).toBeGreaterThan(0);
    expect(run.status).not.toBe(0);
  });
});
