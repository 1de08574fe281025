// `closeout link` and `closeout sync` end to end against flex-sim over real HTTP, on the embedded database:
// the token comes from the environment (never argv), the first pull imports, a re-sync adds nothing, and an
// expired token ends in IB's plain-words message with exit 2.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FlexSim, startFlexSim } from "@closeout/flex-sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureIo } from "./cli-io.ts";
import { runCli } from "./run-cli.ts";

const TOKEN = "123456789012345678901234";
const EXPIRED = "999999999999999999999999";
let sim: FlexSim;
let flexUrl: string;
const dir = mkdtempSync(join(tmpdir(), "closeout-link-"));

beforeAll(async () => {
  sim = await startFlexSim({ seed: 5 });
  flexUrl = `${sim.url}/AccountManagement/FlexWebService`;
  sim.registry.addToken(TOKEN, {
    queries: {
      "700001": {
        accounts: ["U5550001"],
        seed: 3,
        executions: 400,
        fromDate: "2025-11-01",
        toDate: "2026-10-31",
      },
    },
  });
  sim.registry.addToken(EXPIRED, { queries: { "700001": {} }, expired: true });
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[], env: Record<string, string> = {}) {
  const io = captureIo(env);
  const code = await runCli(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe("closeout link / sync", () => {
  const dataDir = join(dir, "data");

  it("refuses a token on the command line before doing anything", async () => {
    const r = await run(["link", "--query-id", "700001", "--token", TOKEN, "--data-dir", dataDir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/never pass the Flex token on the command line/);
    expect(r.stderr).not.toContain(TOKEN);
  });

  it("links with a live pull, then a sync adds nothing new", async () => {
    const env = { CLOSEOUT_FLEX_TOKEN: TOKEN };
    const linked = await run(
      ["link", "--query-id", "700001", "--json", "--flex-base-url", flexUrl, "--data-dir", dataDir],
      env,
    );
    expect(linked.stderr).not.toContain(TOKEN);
    expect(linked.code).toBe(0);
    const json = JSON.parse(linked.stdout);
    expect(json.accounts.map((a: { accountId: string }) => a.accountId)).toEqual(["U5550001"]);
    expect(json.import.executionsAdded).toBeGreaterThan(300);
    expect(linked.stderr).toMatch(/asking IB for the statement/);

    const synced = await run(["sync", "--json", "--flex-base-url", flexUrl, "--data-dir", dataDir]);
    expect(synced.code).toBe(0);
    expect(JSON.parse(synced.stdout).links[0].summary).toMatch(/: 0 new executions/);

    const trades = JSON.parse((await run(["trades", "--json", "--data-dir", dataDir])).stdout);
    expect(trades.accounts).toEqual([{ accountId: "U5550001", baseCurrency: "USD" }]);
    expect(trades.trades.length).toBeGreaterThan(20);
  });

  it("explains an expired token and stores nothing", async () => {
    const tokenFile = join(dir, "token.txt");
    writeFileSync(tokenFile, `${EXPIRED}\n`);
    const r = await run([
      "link",
      "--query-id",
      "700001",
      "--token-file",
      tokenFile,
      "--json",
      "--flex-base-url",
      flexUrl,
      "--data-dir",
      join(dir, "d2"),
    ]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error.message).toMatch(/expired/i);
    expect(r.stderr + r.stdout).not.toContain(EXPIRED);
  });
});
