// `closeout worker`: runs sync workers and the daily schedule until SIGINT/SIGTERM (then lets running syncs
// finish; a second signal or the deadline releases them for another worker). On PostgreSQL any number
// of workers (and `serve` processes) run side by side; the queue never gives one link to two at once.
import { createJsonLogger } from "../api/logger.ts";
import { AppError } from "../app-error.ts";
import { parseServeConfig } from "../config/serve-config.ts";
import { startRuntime } from "../runtime/start-runtime.ts";
import type { CliIo } from "./cli-io.ts";
import { DATA_DIR_OPTION } from "./open-cli-database.ts";
import { parseCliArgs } from "./parse-cli-args.ts";
import { stopOnSignals } from "./wait-for-shutdown.ts";

export async function workerCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs("worker", args, {
    concurrency: { type: "string", default: "2" },
    "flex-base-url": { type: "string" },
    ...DATA_DIR_OPTION,
  });
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 50) {
    throw new AppError("usage", "worker: --concurrency must be a whole number from 1 to 50");
  }
  const config = parseServeConfig(io.env, values);
  const logger = createJsonLogger((line) => io.out(line), { level: config.logLevel });
  const runtime = await startRuntime(config, logger, { runWorker: true, concurrency });
  logger.info("worker started", { concurrency, database: config.databaseUrl ? "postgresql" : "embedded" });
  await stopOnSignals(runtime, logger, { deadlineMs: config.shutdownTimeoutMs });
  logger.info("stopped");
  return 0;
}
