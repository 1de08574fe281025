// `closeout serve` configuration, parsed once from the environment and the command line (flags win) with a
// zod schema. Nothing else reads process.env. Errors name every bad setting and never echo a secret.
import { join } from "node:path";
import { z } from "zod";
import { AppError } from "../app-error.ts";

export interface ServeConfig {
  readonly port: number;
  readonly host: string;
  /** Embedded PGlite data dir (also holds the token key file); ignored for the database when databaseUrl is set. */
  readonly dataDir: string;
  readonly databaseUrl: string | null;
  /** base64 of 32 bytes; null: the key file in the data dir (embedded default). */
  readonly secretKey: string | null;
  readonly keyFile: string;
  readonly publicUrl: string;
  readonly flexBaseUrl: string | null;
  readonly worker: boolean;
  readonly trustProxy: boolean;
  readonly webDist: string | null;
  readonly logLevel: "debug" | "info" | "warn" | "error";
  readonly publicMinTrades: number;
  /** A database transaction that sends nothing for this long is rolled back (both databases). */
  readonly idleTransactionTimeoutSeconds: number;
  /** PostgreSQL: the longest one statement may run (migrations excepted). */
  readonly statementTimeoutSeconds: number;
}

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
    flexBaseUrl: httpUrl("the Flex base URL").optional(),
    worker: z.boolean().default(true),
    trustProxy: z.enum(["0", "1", "true", "false"], { message: 'must be "1" or "0"' }).optional(),
    webDist: z.string().trim().min(1).optional(),
    logLevel: z
      .enum(["debug", "info", "warn", "error"], { message: "must be debug, info, warn or error" })
      .default("info"),
    publicMinTrades: z.coerce.number().int().min(1).max(100_000).default(20),
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
  webDist: "CLOSEOUT_WEB_DIST",
  logLevel: "CLOSEOUT_LOG_LEVEL",
  publicMinTrades: "CLOSEOUT_PUBLIC_MIN_TRADES",
  idleTransactionTimeoutSeconds: "CLOSEOUT_DB_IDLE_TRANSACTION_TIMEOUT",
  statementTimeoutSeconds: "CLOSEOUT_DB_STATEMENT_TIMEOUT",
};

const blank = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v);

export function parseServeConfig(
  env: Readonly<Record<string, string | undefined>>,
  flags: ServeFlags = {},
  defaults: { webDist?: string | null } = {},
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
    webDist: blank(env.CLOSEOUT_WEB_DIST),
    logLevel: blank(env.CLOSEOUT_LOG_LEVEL),
    publicMinTrades: blank(env.CLOSEOUT_PUBLIC_MIN_TRADES),
    idleTransactionTimeoutSeconds: blank(env.CLOSEOUT_DB_IDLE_TRANSACTION_TIMEOUT),
    statementTimeoutSeconds: blank(env.CLOSEOUT_DB_STATEMENT_TIMEOUT),
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
  return {
    port: c.port,
    host: c.host,
    dataDir: c.dataDir,
    databaseUrl: c.databaseUrl ?? null,
    secretKey: c.secretKey ?? null,
    keyFile: c.keyFile ?? join(c.dataDir, "token.key"),
    publicUrl: (c.publicUrl ?? `http://${shownHost}:${c.port}`).replace(/\/+$/, ""),
    flexBaseUrl: c.flexBaseUrl ?? null,
    worker: c.worker,
    trustProxy: c.trustProxy === "1" || c.trustProxy === "true",
    webDist: c.webDist ?? defaults.webDist ?? null,
    logLevel: c.logLevel,
    publicMinTrades: c.publicMinTrades,
    idleTransactionTimeoutSeconds: c.idleTransactionTimeoutSeconds,
    statementTimeoutSeconds: c.statementTimeoutSeconds,
  };
}
