// The database path and the offline path give identical numbers: `import` then `trades --json` prints the
// same JSON as `report --json` on the same files — on real samples and on a generated year of trading.
// Also: re-importing adds nothing, and an unusable file is rejected whole without touching the database.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateStatement } from "@closeout/flex-sim";
import { afterAll, describe, expect, it } from "vitest";
import { samplePath } from "../../../core/src/test-support/samples.ts";
import { captureIo } from "./cli-io.ts";
import { runCli } from "./run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "closeout-parity-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], env: Record<string, string | undefined> = {}) {
  const io = captureIo(env);
  const code = await runCli(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

async function parity(name: string, files: string[]) {
  const dataDir = join(dir, name);
  const imported = await run(["import", ...files, "--json", "--data-dir", dataDir]);
  expect(imported.stderr).toBe("");
  expect(imported.code).toBe(0);
  const first = JSON.parse(imported.stdout);
  const again = JSON.parse((await run(["import", ...files, "--json", "--data-dir", dataDir])).stdout);
  expect(again.executionsAdded).toBe(0);
  expect(again.executionsExisting).toBe(first.executionsAdded + first.executionsExisting);
  // The same bytes again: nothing new, so the trades are not rebuilt (and stay equal, checked below).
  expect(again.tradesRebuilt).toBe(0);

  const stored = await run(["trades", "--json", "--data-dir", dataDir]);
  expect(stored.code).toBe(0);
  const offline = await run(["report", ...files, "--json"]);
  const a = JSON.parse(stored.stdout);
  const b = JSON.parse(offline.stdout);
  expect(a.trades).toEqual(b.trades);
  expect(a.summary).toEqual(b.summary);
  expect(a.openPositions).toEqual(b.openPositions);
  expect(a.unmatched).toEqual(b.unmatched);
  expect(a.accounts).toEqual(b.accounts);
  return { first, a };
}

describe("import + trades equal report", () => {
  it("on IB's richest real sample (options, assignments, FX, pre-window positions)", async () => {
    const { a } = await parity("etax", [
      samplePath("vroonhof_opensteuerauszug_eTax_report_anonymised_2025.xml"),
    ]);
    expect(a.trades.length).toBeGreaterThan(10);
  });

  it("on two overlapping years stitched into one history", async () => {
    await parity("titov", [samplePath("titov-vv_jal_ibkr_year1.xml"), samplePath("titov-vv_jal_ibkr.xml")]);
  });

  it("on a generated year of trading with stocks, options, futures, splits and cancellations", async () => {
    const file = join(dir, "generated.xml");
    writeFileSync(
      file,
      generateStatement({
        seed: 11,
        accounts: 2,
        executions: 1500,
        fromDate: "2025-01-02",
        toDate: "2025-12-31",
      }),
    );
    const { first, a } = await parity("generated", [file]);
    expect(first.executionsAdded).toBeGreaterThan(1000);
    expect(a.trades.length).toBeGreaterThan(100);
  });

  it("rejects an unusable file whole: nothing is stored", async () => {
    const dataDir = join(dir, "bad");
    const good = samplePath("vroonhof_opensteuerauszug_options_future_2025.xml");
    const bad = join(dir, "bad.xml");
    writeFileSync(bad, "<FlexQueryResponse><FlexStatements><FlexStatement accountId='U1'>");
    const result = await run(["import", good, bad, "--json", "--data-dir", dataDir]);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout).error.code).toBe("truncated");
    const stored = JSON.parse((await run(["trades", "--json", "--data-dir", dataDir])).stdout);
    expect(stored.trades).toEqual([]);
    expect(stored.accounts).toEqual([]);
  });
});
