// `closeout serve`: the HTTP API (and the built web app) over the embedded PGlite or PostgreSQL, with the
// sync worker in-process unless --no-worker. Config is parsed once here. SIGINT/SIGTERM stop accepting
// connections and taking jobs, let requests and running syncs finish (keep-alive connections are closed once
// idle), then close the queue and the database; a later signal or the deadline releases the syncs
// (wait-for-shutdown.ts), and the deadline also cuts the connections still open.
import { existsSync } from "node:fs";
import type { Server } from "node:http";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { createApp } from "../api/create-app.ts";
import { createJsonLogger, type Logger } from "../api/logger.ts";
import { AppError } from "../app-error.ts";
import { parseServeConfig, type ServeConfig } from "../config/serve-config.ts";
import { queueStopTimeoutMs, type Runtime, startRuntime } from "../runtime/start-runtime.ts";
import type { CliIo } from "./cli-io.ts";
import { trackHttpDrain } from "./drain-http-server.ts";
import { parseCliArgs } from "./parse-cli-args.ts";
import { stopOnSignals } from "./wait-for-shutdown.ts";

export interface RunningServer {
  readonly url: string;
  readonly config: ServeConfig;
  stop(): Promise<void>;
  /** Releases the syncs in flight for another worker at once (see Runtime.releaseSyncs). */
  releaseSyncs(): Promise<number>;
  /** Cuts the HTTP connections still open. */
  closeConnections(): void;
}

/** packages/web/dist beside this package, when the web app has been built. */
function defaultWebDist(): string | null {
  const dist = resolve(dirname(fileURLToPath(import.meta.url)), "../../../web/dist");
  return existsSync(join(dist, "index.html")) ? dist : null;
}

export async function startServer(config: ServeConfig, logger: Logger): Promise<RunningServer> {
  let runtime: Runtime | null = null;
  try {
    runtime = await startRuntime(config, logger, { runWorker: config.worker });
    const { db, queue, flexClient, cipher } = runtime;
    const app = createApp({
      db,
      clock: { now: () => Date.now() },
      flexClient,
      cipher,
      enqueueSync: async (linkId, reason) => {
        await queue.enqueueSync(linkId, { reason });
      },
      logger,
      publicUrl: config.publicUrl,
      webDist: config.webDist,
      proxyHops: config.proxyHops,
      signup: config.signup,
      publicMinTrades: config.publicMinTrades,
      metricsToken: config.metricsToken,
      rawQuotaBytes: config.rawQuotaBytes,
      bookCacheBytes: config.bookCacheBytes,
      uploadMaxBytes: config.uploadMaxBytes,
    });
    const server = await new Promise<Server>((resolveServer, reject) => {
      const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () =>
        resolveServer(s as Server),
      ) as Server;
      s.once("error", reject);
    });
    const drain = trackHttpDrain(server);
    runtime.onStop(() => drain.close());
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    const listening = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;
    logger.info("serving", {
      url: listening,
      publicUrl: config.publicUrl,
      database: config.databaseUrl ? "postgresql" : "embedded",
      worker: config.worker,
      webApp: config.webDist !== null,
    });
    const running = runtime;
    return {
      url: listening,
      config,
      // Requests drain while the queue stops taking jobs and waits for the syncs; the database closes after both.
      stop: async () => {
        await Promise.all([
          drain.close(),
          running.queue.stop({ graceful: true, timeoutMs: queueStopTimeoutMs(config) }),
        ]);
        await running.stop();
      },
      releaseSyncs: () => running.releaseSyncs(),
      closeConnections: () => drain.closeAll(),
    };
  } catch (error) {
    await runtime?.stop();
    if (error instanceof AppError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError("config", `serve: could not start: ${reason}`);
  }
}

/** A server without its web app answers 404 to every page: refuse to start instead. */
function requireWebApp(webDist: string | null): void {
  if (webDist !== null && existsSync(join(webDist, "index.html"))) return;
  throw new AppError(
    "web-app-not-built",
    webDist === null
      ? "serve: the web app is not built (packages/web/dist is missing): run npm run build, or start serve with npm run closeout -- serve, which builds it"
      : `serve: CLOSEOUT_WEB_DIST has no index.html (${webDist}): point it at a built web app (npm run build)`,
  );
}

export async function serveCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs("serve", args, {
    port: { type: "string" },
    host: { type: "string" },
    "data-dir": { type: "string" },
    "public-url": { type: "string" },
    "flex-base-url": { type: "string" },
    "no-worker": { type: "boolean" },
  });
  const config = parseServeConfig(io.env, values, { webDist: defaultWebDist() });
  requireWebApp(config.webDist);
  const logger = createJsonLogger((line) => io.out(line), { level: config.logLevel });
  const server = await startServer(config, logger);
  await stopOnSignals(server, logger, { deadlineMs: config.shutdownTimeoutMs });
  logger.info("stopped");
  return 0;
}
