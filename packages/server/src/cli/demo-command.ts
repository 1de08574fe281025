// `npm start` → `closeout demo`: everything a newcomer needs to see closeout working, on one machine with
// nothing to configure. It builds the web app when missing or older than its sources, starts the simulated IB Flex Web Service
// (flex-sim) with a generated year of trading, serves closeout on the embedded database with the worker
// in-process, signs up a demo user and links it through the same API and live test pull a real user goes
// through, then prints the URL and the demo login.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startFlexSim } from "@closeout/flex-sim";
import { createJsonLogger } from "../api/logger.ts";
import { AppError } from "../app-error.ts";
import { parseServeConfig } from "../config/serve-config.ts";
import { openApiSession } from "./api-session.ts";
import type { CliIo } from "./cli-io.ts";
import { seedDemoJournal } from "./demo-journal.ts";
import { parseCliArgs } from "./parse-cli-args.ts";
import { startServer } from "./serve-command.ts";
import { waitForShutdown } from "./wait-for-shutdown.ts";
import { webBuildIsStale } from "./web-build-is-stale.ts";

export const DEMO_EMAIL = "demo@closeout.example";
export const DEMO_PASSWORD = "closeout-demo-2026";
/** flex-sim credentials: a working query, one missing a section, and an expired token — to try the wizard. */
export const DEMO_FLEX = {
  token: "demo1234567890demo123456",
  queryId: "100001",
  queryIdMissingSection: "100002",
  /** A second complete query, of another IB account (an IB account belongs to one closeout user). */
  otherQueryId: "100003",
  expiredToken: "expired12345678expired12",
  /** Two smaller complete queries of further IB accounts, for the browser tests of the daily pages. */
  dailyQueryIds: ["100004", "100005"],
} as const;

const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../../web");

export interface DemoOptions {
  readonly port?: string;
  readonly dataDir: string;
  readonly executions?: number;
  readonly build?: boolean;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Sign up and link the demo user (default true; the e2e tests link their own users). */
  readonly demoUser?: boolean;
  /** Progress lines for people (stderr in the CLI). */
  readonly say?: (line: string) => void;
}

export interface RunningDemo {
  readonly url: string;
  readonly dataDir: string;
  /**
   * "changed": the demo user's password is no longer the printed one (someone changed it in Settings); the
   * demo runs on and says so rather than failing. "none": no demo user was asked for.
   */
  readonly demoLogin: "ready" | "changed" | "none";
  stop(): Promise<void>;
}

/** Starts flex-sim and closeout and links the demo user; the e2e tests start the same thing. */
export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const say = options.say ?? (() => {});
  if (options.build !== false && webBuildIsStale(WEB_DIR)) {
    say("closeout demo: building the web app (first start, or its sources changed)…");
    // A production build whatever NODE_ENV the caller runs under (vitest sets "test"): Vite would otherwise
    // build React's development bundle and leave out the service worker's registration.
    const build = spawnSync("npm", ["run", "build", "-w", "@closeout/web"], {
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production" },
    });
    if (build.status !== 0)
      throw new AppError("config", "demo: the web app did not build; see the output above");
  }
  const today = new Date();
  const from = new Date(today.getTime() - 364 * 86_400_000);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const sim = await startFlexSim({ seed: 2026 });
  const year = {
    accounts: ["U1234567"],
    seed: 7,
    executions: options.executions ?? 3000,
    fromDate: day(from),
    toDate: day(today),
    // The demo's query has the recommended account sections: the Account view has figures to show.
    accountSections: true,
  };
  sim.registry.addToken(DEMO_FLEX.token, {
    queries: {
      [DEMO_FLEX.queryId]: year,
      [DEMO_FLEX.queryIdMissingSection]: { ...year, omitSections: ["OptionEAE"] },
      [DEMO_FLEX.otherQueryId]: { ...year, accounts: ["U2345678"], seed: 8 },
      [DEMO_FLEX.dailyQueryIds[0]]: { ...year, executions: 400, accounts: ["U3456789"], seed: 9 },
      [DEMO_FLEX.dailyQueryIds[1]]: { ...year, executions: 400, accounts: ["U4567890"], seed: 10 },
    },
    pollsBeforeReady: 1,
  });
  sim.registry.addToken(DEMO_FLEX.expiredToken, { queries: { [DEMO_FLEX.queryId]: year }, expired: true });

  const webDist = existsSync(join(WEB_DIR, "dist", "index.html")) ? join(WEB_DIR, "dist") : null;
  // The public URL (and so the Origin the API accepts) names the port: "any free port" is resolved first.
  const port = options.port === undefined || options.port === "0" ? String(await freePort()) : options.port;
  const config = parseServeConfig(
    options.env ?? {},
    {
      port,
      "data-dir": options.dataDir,
      "flex-base-url": `${sim.url}/AccountManagement/FlexWebService`,
    },
    // The demo's key stays in its data dir (it seals only simulator tokens): deleting data/demo resets all.
    // The demo is for trying closeout on one's own machine: new users sign up without an invite.
    { webDist, keyBesideData: true, signup: "open" },
  );
  const logger = createJsonLogger((line) => say(line), { level: "warn" });
  const server = await startServer(config, logger).catch(async (error) => {
    await sim.close();
    throw error;
  });
  const stop = async () => {
    await server.stop();
    await sim.close();
  };
  let demoLogin: RunningDemo["demoLogin"] = "none";
  try {
    if (options.demoUser !== false) demoLogin = await setUpDemoUser(server.url, say);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: server.url, dataDir: config.dataDir, demoLogin, stop };
}

async function setUpDemoUser(url: string, say: (line: string) => void): Promise<"ready" | "changed"> {
  const api = await openApiSession(url);
  // A sign-up with a registered e-mail and its password signs in: the second start finds the demo user.
  const auth = await api.call("POST", "/api/auth/signup", { email: DEMO_EMAIL, password: DEMO_PASSWORD });
  // 401: the demo user exists with another password, chosen in Settings. That user and its data are kept.
  if (auth.status === 401) return "changed";
  if (auth.status >= 300)
    throw new AppError("internal", `demo: could not sign in the demo user (HTTP ${auth.status})`);
  const links = (await api.call("GET", "/api/links")).json as { links: unknown[] };
  if (links.links.length === 0) {
    say("closeout demo: linking the simulated IB account and importing a year of trading…");
    const linked = await api.call("POST", "/api/links", {
      token: DEMO_FLEX.token,
      queryId: DEMO_FLEX.queryId,
    });
    if (linked.status !== 201) {
      throw new AppError(
        "internal",
        `demo: linking failed (HTTP ${linked.status}): ${JSON.stringify(linked.json)}`,
      );
    }
  }
  await api.call("PUT", "/api/me/profile", { publicProfile: "percent", handle: "demo" });
  // In the background: the link's first import may still be running; the journal follows once it has trades.
  seedDemoJournal(api).catch(() => {});
  return "ready";
}

export async function demoCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs("demo", args, {
    port: { type: "string" },
    "data-dir": { type: "string" },
    executions: { type: "string", default: "3000" },
    "no-build": { type: "boolean" },
  });
  const started = Date.now();
  const executions = Number(values.executions);
  if (!Number.isInteger(executions) || executions < 10)
    throw new AppError("usage", "demo: --executions must be a whole number ≥ 10");
  const demo = await startDemo({
    port: values.port ?? io.env.CLOSEOUT_PORT ?? "8080",
    dataDir: values["data-dir"] ?? io.env.CLOSEOUT_DATA_DIR ?? "data/demo",
    executions,
    build: !values["no-build"],
    env: io.env,
    say: (line) => io.err(line),
  });
  try {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    io.out(
      [
        "",
        `closeout is running at ${demo.url}   (ready in ${seconds} s)`,
        demo.demoLogin === "changed"
          ? `  log in with ${DEMO_EMAIL} and the password you gave it in Settings (it is no longer ${DEMO_PASSWORD});\n  delete ${demo.dataDir} to start afresh with the demo password`
          : `  log in with ${DEMO_EMAIL} / ${DEMO_PASSWORD}`,
        `  public profile (percent only): ${demo.url}/p/demo`,
        "",
        "  To try the link wizard against the simulated IB service:",
        `    Flex token ${DEMO_FLEX.token}, Query Id ${DEMO_FLEX.otherQueryId} (complete; sign up as a new user first)`,
        `    Query Id ${DEMO_FLEX.queryIdMissingSection} lacks a section; token ${DEMO_FLEX.expiredToken} has expired.`,
        "",
        `  Ctrl-C stops it. Data lives in ${demo.dataDir}.`,
      ].join("\n"),
    );
    const signal = await waitForShutdown();
    io.err(`closeout demo: ${signal}, stopping…`);
  } finally {
    await demo.stop();
  }
  return 0;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}
