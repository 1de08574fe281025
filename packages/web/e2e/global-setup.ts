// Starts the whole product for the browser tests — flex-sim plus closeout on a fresh embedded database, on a
// free port, with the demo user linked — unless CLOSEOUT_E2E_URL points at one already running.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_FLEX, startDemo } from "../../server/src/cli/demo-command.ts";

export default async function setup(): Promise<() => Promise<void>> {
  if (process.env.CLOSEOUT_E2E_URL) return async () => {};
  const dataDir = mkdtempSync(join(tmpdir(), "closeout-e2e-"));
  const demo = await startDemo({
    port: "0",
    dataDir,
    executions: 1500,
    build: true,
    env: {},
    demoUser: false,
  });
  // Workers are started after this and inherit the environment.
  process.env.CLOSEOUT_E2E_URL = demo.url;
  process.env.CLOSEOUT_E2E_FLEX_TOKEN = DEMO_FLEX.token;
  process.env.CLOSEOUT_E2E_FLEX_QUERY_ID = DEMO_FLEX.queryId;
  process.env.CLOSEOUT_E2E_FLEX_QUERY_ID_2 = DEMO_FLEX.otherQueryId;
  process.env.CLOSEOUT_E2E_FLEX_QUERY_ID_MISSING = DEMO_FLEX.queryIdMissingSection;
  process.env.CLOSEOUT_E2E_FLEX_TOKEN_EXPIRED = DEMO_FLEX.expiredToken;
  process.env.CLOSEOUT_E2E_FLEX_QUERY_IDS_DAILY = DEMO_FLEX.dailyQueryIds.join(",");
  return async () => {
    await demo.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
