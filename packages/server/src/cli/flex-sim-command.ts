// `closeout flex-sim [--port P] [--config FILE]`: the simulated IB Flex Web Service on its own, on loopback,
// with the tokens and queries of a config file (flex-sim-config.ts; without one, the demo's token and query),
// so that serve and worker processes can be tried and tested against it without IB.
import { startFlexSim } from "@closeout/flex-sim";
import { AppError } from "../app-error.ts";
import type { CliIo } from "./cli-io.ts";
import { type FlexSimConfig, parseFlexSimConfig, readFlexSimConfig } from "./flex-sim-config.ts";
import { parseCliArgs } from "./parse-cli-args.ts";
import { waitForShutdown } from "./wait-for-shutdown.ts";

/** The demo's complete query (demo-command.ts), when no config file is given. */
const DEFAULT_CONFIG = JSON.stringify({
  tokens: { demo1234567890demo123456: { queries: { "100001": { accounts: ["U1234567"], seed: 7 } } } },
});

export async function flexSimCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs("flex-sim", args, {
    port: { type: "string", default: "8090" },
    config: { type: "string" },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new AppError("usage", "flex-sim: --port must be 0–65535");
  const today = new Date();
  const config: FlexSimConfig = values.config
    ? readFlexSimConfig(values.config, today)
    : parseFlexSimConfig(DEFAULT_CONFIG, today);
  const sim = await startFlexSim({ seed: config.seed, port }).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError("config", `flex-sim: could not listen on port ${port}: ${reason}`);
  });
  for (const [token, settings] of Object.entries(config.tokens)) sim.registry.addToken(token, settings);
  const queries = Object.values(config.tokens).reduce((n, t) => n + Object.keys(t.queries).length, 0);
  io.out(`flex-sim is running at ${sim.url}/AccountManagement/FlexWebService`);
  io.out(
    `  ${Object.keys(config.tokens).length} token(s), ${queries} query(ies); Ctrl-C or SIGTERM stops it.`,
  );
  io.out(`  closeout: CLOSEOUT_FLEX_BASE_URL=${sim.url}/AccountManagement/FlexWebService`);
  const signal = await waitForShutdown();
  io.err(`closeout flex-sim: ${signal}, stopping…`);
  await sim.close();
  return 0;
}
