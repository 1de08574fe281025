// `closeout serve` configuration, parsed once from the environment and the command line (flags win) with a
// zod schema. Nothing else reads process.env. Errors name every bad setting and never echo a secret.
import { createHash } from "node:crypto";
import { basename, isAbsolute, join, resolve } from "node:path";
import { z } from "zod";
import { DEFAULT_BOOK_CACHE_MB } from "../api/trade-book.ts";
import { AppError } from "../app-error.ts";
import { DEFAULT_RAW_QUOTA_MB } from "../db/raw-statement-quota.ts";
import { FLEX_SERVICE_URL_HINT, flexServiceUrl } from "../flex-client/flex-service-url.ts";

export interface ServeConfig {
  readonly port: number;
  readonly host: string;
  /** Embedded PGlite data dir; ignored for the database when databaseUrl is set. */
  readonly dataDir: string;
  readonly databaseUrl: string | null;
  /** base64 of 32 bytes; null: the key file. */
  readonly secretKey: string | null;
  readonly keyFile: string;
  /**
   * Where keyFile comes from: CLOSEOUT_KEY_FILE ("setting"); the default outside the data dir, one file per data
   * dir under $XDG_CONFIG_HOME or ~/.config ("config-home"); or the data dir itself, for the demo ("data-dir")
   * and when the environment names no home ("no-home", warned about at start).
   */
  readonly keyFileSource: "setting" | "config-home" | "data-dir" | "no-home";
  readonly publicUrl: string;
  readonly flexBaseUrl: string | null;
  readonly worker: boolean;
  /** Reverse proxies in front of the server that append to X-Forwarded-For (0: use the socket's peer). */
  readonly proxyHops: number;
  readonly signup: SignupMode;
  readonly webDist: string | null;
  readonly logLevel: "debug" | "info" | "warn" | "error";
  readonly publicMinTrades: number;
  /** Bearer token for /metrics; null: /metrics answers 404. */
  readonly metricsToken: string | null;
  /** How long a sync holds its link between renewals; a dead worker's syncs are taken over after it. */
  readonly syncLeaseMs: number;
  /** How long a shutdown waits for requests and syncs before it closes connections and releases syncs. */
  readonly shutdownTimeoutMs: number;
  /** Cap on each user's stored raw statements (gzip bytes). */
  readonly rawQuotaBytes: number;
  /** Budget of the API's in-memory trade books (estimated bytes). */
  readonly bookCacheBytes: number;
  /** Largest statement upload (CLOSEOUT_UPLOAD_MAX_MB), in bytes. */
  readonly uploadMaxBytes: number;
  /** Largest statement downloaded from IB (CLOSEOUT_FLEX_MAX_MB), in bytes. */
  readonly flexMaxBytes: number;
  /** A database transaction that sends nothing for this long is rolled back (both databases). */
  readonly idleTransactionTimeoutSeconds: number;
  /** PostgreSQL: the longest one statement may run (migrations excepted). */
  readonly statementTimeoutSeconds: number;
  /** PostgreSQL: connections of this process's Kysely pool and of its pg-boss pool (max_connections budget). */
  readonly dbPoolMax: number;
  readonly queuePoolMax: number;
}

export type SignupMode = "open" | "invite" | "closed";

export interface ServeFlags {
  readonly port?: string;
  readonly host?: string;
  readonly "data-dir"?: string;
  readonly "public-url"?: string;
  readonly "flex-base-url"?: string;
  readonly "no-worker"?: boolean;
}

const httpUrl = (what: string) =>
  z
    .string()
    .trim()
    .refine((s) => {
      try {
        return ["http:", "https:"].includes(new URL(s).protocol);
      } catch {
        return false;
      }
    }, `${what} must be an http(s) URL`);

const megabytes = (fallback: number) =>
  z.coerce
    .number({ message: "must be a number of megabytes" })
    .int("must be a whole number of megabytes")
    .min(1, "must be at least 1 (MB)")
    .max(1_048_576, "must be at most 1048576 (MB)")
    .default(fallback);

// A sync holds a transaction while it renews its lease on another connection: fewer than 2 would deadlock.
const poolSize = z.coerce
  .number({ message: "must be a number of connections" })
  .int("must be a whole number of connections")
  .min(2, "must be 2–1000 connections")
  .max(1000, "must be 2–1000 connections")
  .default(10);

const schema = z
  .object({
    port: z.coerce
      .number({ message: "must be a number" })
      .int("must be a whole number")
      .min(0, "must be 0–65535")
      .max(65535, "must be 0–65535")
      .default(8080),
    host: z.string().trim().min(1).default("127.0.0.1"),
    dataDir: z.string().trim().min(1).default("./data"),
    databaseUrl: z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
      .optional(),
    secretKey: z
      .string()
      .trim()
      .refine((s) => /^[A-Za-z0-9+/]+={0,2}$/.test(s) && Buffer.from(s, "base64").length === 32, {
        message: "must be 32 random bytes, base64-encoded (e.g. `openssl rand -base64 32`)",
      })
      .optional(),
    keyFile: z.string().trim().min(1).optional(),
    publicUrl: httpUrl("the public URL").optional(),
    flexBaseUrl: z
      .string()
      .transform((s, ctx) => {
        const url = flexServiceUrl(s);
        if (url === null) ctx.addIssue({ code: "custom", message: FLEX_SERVICE_URL_HINT });
        return url ?? s;
      })
      .optional(),
    worker: z.boolean().default(true),
    trustProxy: z
      .string()
      .trim()
      .regex(/^(\d{1,2}|true|false)$/, "must be the number of proxy hops (0, 1, 2 …)")
      .transform((s) => (s === "true" ? 1 : s === "false" ? 0 : Number(s)))
      .pipe(z.number().max(10, "must be at most 10 proxy hops"))
      .optional(),
    signup: z
      .enum(["open", "invite", "closed"], { message: 'must be "open", "invite" or "closed"' })
      .optional(),
    webDist: z.string().trim().min(1).optional(),
    logLevel: z
      .enum(["debug", "info", "warn", "error"], { message: "must be debug, info, warn or error" })
      .default("info"),
    publicMinTrades: z.coerce.number().int().min(1).max(100_000).default(20),
    metricsToken: z
      .string()
      .trim()
      .regex(/^[\x21-\x7e]{24,}$/, "must be at least 24 printable characters without spaces")
      .optional(),
    syncLeaseSeconds: z.coerce
      .number({ message: "must be a number" })
      .min(1, "must be 1–600 seconds")
      .max(600, "must be 1–600 seconds")
      .default(30),
    shutdownTimeoutSeconds: z.coerce
      .number({ message: "must be a number" })
      .min(1, "must be 1–600 seconds")
      .max(600, "must be 1–600 seconds")
      .default(20),
    rawQuotaMb: megabytes(DEFAULT_RAW_QUOTA_MB),
    bookCacheMb: megabytes(DEFAULT_BOOK_CACHE_MB),
    uploadMaxMb: z.coerce
      .number({ message: "must be a number of megabytes" })
      .positive("must be more than 0")
      .max(4096, "must be at most 4096")
      .default(100),
    flexMaxMb: z.coerce
      .number({ message: "must be a number of megabytes" })
      .positive("must be more than 0")
      .max(4096, "must be at most 4096")
      .default(256),
    idleTransactionTimeoutSeconds: z.coerce
      .number({ message: "must be a number of seconds" })
      .int("must be a whole number of seconds")
      .min(1, "must be 1–86400 seconds")
      .max(86_400, "must be 1–86400 seconds")
      .default(60),
    statementTimeoutSeconds: z.coerce
      .number({ message: "must be a number of seconds" })
      .int("must be a whole number of seconds")
      .min(1, "must be 1–86400 seconds")
      .max(86_400, "must be 1–86400 seconds")
      .default(300),
    dbPoolMax: poolSize,
    queuePoolMax: poolSize,
  })
  .refine((c) => c.databaseUrl === undefined || c.secretKey !== undefined || c.keyFile !== undefined, {
    message:
      "with DATABASE_URL set, CLOSEOUT_SECRET_KEY (or CLOSEOUT_KEY_FILE) must be set too, the same in every process",
    path: ["secretKey"],
  });

const NAMES: Readonly<Record<string, string>> = {
  port: "--port / CLOSEOUT_PORT",
  host: "--host / CLOSEOUT_HOST",
  dataDir: "--data-dir / CLOSEOUT_DATA_DIR",
  databaseUrl: "DATABASE_URL",
  secretKey: "CLOSEOUT_SECRET_KEY",
  keyFile: "CLOSEOUT_KEY_FILE",
  publicUrl: "--public-url / CLOSEOUT_PUBLIC_URL",
  flexBaseUrl: "--flex-base-url / CLOSEOUT_FLEX_BASE_URL",
  trustProxy: "CLOSEOUT_TRUST_PROXY",
  signup: "CLOSEOUT_SIGNUP",
  webDist: "CLOSEOUT_WEB_DIST",
  logLevel: "CLOSEOUT_LOG_LEVEL",
  publicMinTrades: "CLOSEOUT_PUBLIC_MIN_TRADES",
  metricsToken: "CLOSEOUT_METRICS_TOKEN",
  syncLeaseSeconds: "CLOSEOUT_SYNC_LEASE_SECONDS",
  shutdownTimeoutSeconds: "CLOSEOUT_SHUTDOWN_TIMEOUT_SECONDS",
  rawQuotaMb: "CLOSEOUT_RAW_QUOTA_MB",
  bookCacheMb: "CLOSEOUT_BOOK_CACHE_MB",
  uploadMaxMb: "CLOSEOUT_UPLOAD_MAX_MB",
  flexMaxMb: "CLOSEOUT_FLEX_MAX_MB",
  idleTransactionTimeoutSeconds: "CLOSEOUT_DB_IDLE_TRANSACTION_TIMEOUT",
  statementTimeoutSeconds: "CLOSEOUT_DB_STATEMENT_TIMEOUT",
  dbPoolMax: "CLOSEOUT_DB_POOL_MAX",
  queuePoolMax: "CLOSEOUT_QUEUE_POOL_MAX",
};

const blank = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v);

export function parseServeConfig(
  env: Readonly<Record<string, string | undefined>>,
  flags: ServeFlags = {},
  defaults: { webDist?: string | null; keyBesideData?: boolean; signup?: SignupMode } = {},
): ServeConfig {
  const raw = {
    port: blank(flags.port) ?? blank(env.CLOSEOUT_PORT) ?? blank(env.PORT),
    host: blank(flags.host) ?? blank(env.CLOSEOUT_HOST),
    dataDir: blank(flags["data-dir"]) ?? blank(env.CLOSEOUT_DATA_DIR),
    databaseUrl: blank(env.DATABASE_URL),
    secretKey: blank(env.CLOSEOUT_SECRET_KEY),
    keyFile: blank(env.CLOSEOUT_KEY_FILE),
    publicUrl: blank(flags["public-url"]) ?? blank(env.CLOSEOUT_PUBLIC_URL),
    flexBaseUrl: blank(flags["flex-base-url"]) ?? blank(env.CLOSEOUT_FLEX_BASE_URL),
    worker: flags["no-worker"] ? false : env.CLOSEOUT_NO_WORKER === "1" ? false : undefined,
    trustProxy: blank(env.CLOSEOUT_TRUST_PROXY),
    signup: blank(env.CLOSEOUT_SIGNUP) ?? defaults.signup,
    webDist: blank(env.CLOSEOUT_WEB_DIST),
    logLevel: blank(env.CLOSEOUT_LOG_LEVEL),
    publicMinTrades: blank(env.CLOSEOUT_PUBLIC_MIN_TRADES),
    metricsToken: blank(env.CLOSEOUT_METRICS_TOKEN),
    syncLeaseSeconds: blank(env.CLOSEOUT_SYNC_LEASE_SECONDS),
    shutdownTimeoutSeconds: blank(env.CLOSEOUT_SHUTDOWN_TIMEOUT_SECONDS),
    rawQuotaMb: blank(env.CLOSEOUT_RAW_QUOTA_MB),
    bookCacheMb: blank(env.CLOSEOUT_BOOK_CACHE_MB),
    uploadMaxMb: blank(env.CLOSEOUT_UPLOAD_MAX_MB),
    flexMaxMb: blank(env.CLOSEOUT_FLEX_MAX_MB),
    idleTransactionTimeoutSeconds: blank(env.CLOSEOUT_DB_IDLE_TRANSACTION_TIMEOUT),
    statementTimeoutSeconds: blank(env.CLOSEOUT_DB_STATEMENT_TIMEOUT),
    dbPoolMax: blank(env.CLOSEOUT_DB_POOL_MAX),
    queuePoolMax: blank(env.CLOSEOUT_QUEUE_POOL_MAX),
  };
  const result = schema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((i) => {
      const key = String(i.path[0] ?? "config");
      return `${NAMES[key] ?? key}: ${i.message}`;
    });
    throw new AppError("config", `serve: bad configuration — ${problems.join("; ")}`);
  }
  const c = result.data;
  const shownHost = c.host === "0.0.0.0" || c.host === "::" ? "localhost" : c.host;
  const publicUrl = (c.publicUrl ?? `http://${shownHost}:${c.port}`).replace(/\/+$/, "");
  const proxyHops = c.trustProxy ?? 0;
  return {
    port: c.port,
    host: c.host,
    dataDir: c.dataDir,
    databaseUrl: c.databaseUrl ?? null,
    secretKey: c.secretKey ?? null,
    ...keyLocation(c.keyFile, c.dataDir, env, defaults.keyBesideData === true),
    publicUrl,
    flexBaseUrl: c.flexBaseUrl ?? null,
    worker: c.worker,
    proxyHops,
    signup: c.signup ?? defaultSignupMode(c.host, publicUrl, proxyHops),
    webDist: c.webDist ?? defaults.webDist ?? null,
    logLevel: c.logLevel,
    publicMinTrades: c.publicMinTrades,
    metricsToken: c.metricsToken ?? null,
    syncLeaseMs: Math.round(c.syncLeaseSeconds * 1000),
    shutdownTimeoutMs: Math.round(c.shutdownTimeoutSeconds * 1000),
    rawQuotaBytes: c.rawQuotaMb * 1024 * 1024,
    bookCacheBytes: c.bookCacheMb * 1024 * 1024,
    uploadMaxBytes: Math.floor(c.uploadMaxMb * 1024 * 1024),
    flexMaxBytes: Math.floor(c.flexMaxMb * 1024 * 1024),
    idleTransactionTimeoutSeconds: c.idleTransactionTimeoutSeconds,
    statementTimeoutSeconds: c.statementTimeoutSeconds,
    dbPoolMax: c.dbPoolMax,
    queuePoolMax: c.queuePoolMax,
  };
}

/**
 * The token key lives outside the data dir, so a copy of the data dir holds no usable token. Each data dir gets
 * its own file (named after its absolute path): rotating one data dir's key never touches another's.
 */
function keyLocation(
  setting: string | undefined,
  dataDir: string,
  env: Readonly<Record<string, string | undefined>>,
  besideData: boolean,
): Pick<ServeConfig, "keyFile" | "keyFileSource"> {
  if (setting !== undefined) return { keyFile: setting, keyFileSource: "setting" };
  const inDataDir = join(dataDir, "token.key");
  if (besideData) return { keyFile: inDataDir, keyFileSource: "data-dir" };
  const xdg = blank(env.XDG_CONFIG_HOME);
  const home = blank(env.HOME);
  // The XDG spec ignores a relative XDG_CONFIG_HOME.
  const configHome = xdg && isAbsolute(xdg) ? xdg : home ? join(home, ".config") : null;
  if (configHome === null) return { keyFile: inDataDir, keyFileSource: "no-home" };
  const absolute = resolve(dataDir);
  const name = basename(absolute).replace(/[^A-Za-z0-9._-]/g, "_") || "data";
  const hash = createHash("sha256").update(absolute).digest("hex").slice(0, 12);
  return {
    keyFile: join(configHome, "closeout", "keys", `${name}-${hash}.key`),
    keyFileSource: "config-home",
  };
}

/**
 * Open sign-up only where nobody else can reach the server: it listens on loopback, its public URL is a
 * loopback one, and no proxy forwards to it. Anything reachable from elsewhere needs an invite by default.
 */
export function defaultSignupMode(host: string, publicUrl: string, proxyHops: number): SignupMode {
  const hostname = new URL(publicUrl).hostname.replace(/^\[|\]$/g, "");
  return isLoopback(host) && isLoopback(hostname) && proxyHops === 0 ? "open" : "invite";
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
