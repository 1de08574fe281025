import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "../app-error.ts";
import { parseServeConfig } from "./serve-config.ts";

const KEY = Buffer.alloc(32, 7).toString("base64");

describe("parseServeConfig", () => {
  it("defaults to the embedded database on loopback", () => {
    const c = parseServeConfig({});
    expect(c).toMatchObject({
      port: 8080,
      host: "127.0.0.1",
      dataDir: "./data",
      databaseUrl: null,
      worker: true,
    });
    expect(c.publicUrl).toBe("http://127.0.0.1:8080");
  });

  it("Flex base URL: a host gets the service path, the full address is kept, any other path is refused", () => {
    const path = "/AccountManagement/FlexWebService";
    expect(parseServeConfig({ CLOSEOUT_FLEX_BASE_URL: "http://127.0.0.1:9000" }).flexBaseUrl).toBe(
      `http://127.0.0.1:9000${path}`,
    );
    expect(parseServeConfig({}, { "flex-base-url": "http://127.0.0.1:9000/" }).flexBaseUrl).toBe(
      `http://127.0.0.1:9000${path}`,
    );
    expect(parseServeConfig({ CLOSEOUT_FLEX_BASE_URL: `https://flex.example${path}/` }).flexBaseUrl).toBe(
      `https://flex.example${path}`,
    );
    expect(parseServeConfig({}).flexBaseUrl).toBeNull();
    for (const bad of ["http://127.0.0.1:9000/Universal/servlet", "ftp://flex.example", "not a url"]) {
      expect(() => parseServeConfig({ CLOSEOUT_FLEX_BASE_URL: bad })).toThrow(
        /CLOSEOUT_FLEX_BASE_URL: must be the Flex Web Service's host .* ending with \/AccountManagement\/FlexWebService/,
      );
    }
  });

  it("raw-statement quota and book cache budget: generous defaults, set in MB, bad values named", () => {
    const c = parseServeConfig({});
    expect(c.rawQuotaBytes).toBe(1024 * 1024 * 1024);
    expect(c.bookCacheBytes).toBe(512 * 1024 * 1024);
    const set = parseServeConfig({ CLOSEOUT_RAW_QUOTA_MB: "50", CLOSEOUT_BOOK_CACHE_MB: "64" });
    expect(set.rawQuotaBytes).toBe(50 * 1024 * 1024);
    expect(set.bookCacheBytes).toBe(64 * 1024 * 1024);
    expect(() => parseServeConfig({ CLOSEOUT_RAW_QUOTA_MB: "0", CLOSEOUT_BOOK_CACHE_MB: "lots" })).toThrow(
      /CLOSEOUT_RAW_QUOTA_MB: must be at least 1 \(MB\); CLOSEOUT_BOOK_CACHE_MB: must be a number of megabytes/,
    );
  });

  it("database timeouts: 60 s idle transaction and 300 s statement by default, in seconds from the environment", () => {
    expect(parseServeConfig({})).toMatchObject({
      idleTransactionTimeoutSeconds: 60,
      statementTimeoutSeconds: 300,
    });
    const c = parseServeConfig({
      CLOSEOUT_DB_IDLE_TRANSACTION_TIMEOUT: "15",
      CLOSEOUT_DB_STATEMENT_TIMEOUT: "900",
    });
    expect(c).toMatchObject({ idleTransactionTimeoutSeconds: 15, statementTimeoutSeconds: 900 });
    expect(() => parseServeConfig({ CLOSEOUT_DB_IDLE_TRANSACTION_TIMEOUT: "0" })).toThrow(
      "CLOSEOUT_DB_IDLE_TRANSACTION_TIMEOUT: must be 1–86400 seconds",
    );
    expect(() => parseServeConfig({ CLOSEOUT_DB_STATEMENT_TIMEOUT: "1.5" })).toThrow(
      "CLOSEOUT_DB_STATEMENT_TIMEOUT: must be a whole number of seconds",
    );
  });

  it("flags win over the environment; --no-worker turns the in-process worker off", () => {
    const c = parseServeConfig({ CLOSEOUT_PORT: "9000" }, { port: "9100", "no-worker": true });
    expect(c.port).toBe(9100);
    expect(c.worker).toBe(false);
  });

  it("names every bad setting in one config error, without echoing secrets", () => {
    let error: unknown;
    try {
      parseServeConfig({
        CLOSEOUT_PORT: "http",
        DATABASE_URL: "mysql://x",
        CLOSEOUT_SECRET_KEY: "sekrit-value",
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    const { code, message } = error as AppError;
    expect(code).toBe("config");
    expect(message).toContain("--port / CLOSEOUT_PORT: must be a number");
    expect(message).toContain("DATABASE_URL: must be a postgres:// URL");
    expect(message).toContain("CLOSEOUT_SECRET_KEY: must be 32 random bytes");
    expect(message).not.toContain("sekrit-value");
  });

  it("reads the upload and Flex download size limits in megabytes", () => {
    expect(parseServeConfig({})).toMatchObject({
      uploadMaxBytes: 100 * 1024 * 1024,
      flexMaxBytes: 256 * 1024 * 1024,
    });
    const c = parseServeConfig({ CLOSEOUT_UPLOAD_MAX_MB: "2.5", CLOSEOUT_FLEX_MAX_MB: "512" });
    expect([c.uploadMaxBytes, c.flexMaxBytes]).toEqual([2.5 * 1024 * 1024, 512 * 1024 * 1024]);
    expect(() => parseServeConfig({ CLOSEOUT_UPLOAD_MAX_MB: "lots" })).toThrow(
      /CLOSEOUT_UPLOAD_MAX_MB: must be a number of megabytes/,
    );
    expect(() => parseServeConfig({ CLOSEOUT_FLEX_MAX_MB: "0" })).toThrow(
      /CLOSEOUT_FLEX_MAX_MB: must be more than 0/,
    );
  });

  it("reads the PostgreSQL pool sizes, 10 each by default, and refuses sizes that would deadlock or are absurd", () => {
    expect(parseServeConfig({})).toMatchObject({ dbPoolMax: 10, queuePoolMax: 10 });
    const c = parseServeConfig({ CLOSEOUT_DB_POOL_MAX: "4", CLOSEOUT_QUEUE_POOL_MAX: "2" });
    expect([c.dbPoolMax, c.queuePoolMax]).toEqual([4, 2]);
    expect(() => parseServeConfig({ CLOSEOUT_DB_POOL_MAX: "1" })).toThrow(
      /CLOSEOUT_DB_POOL_MAX: must be 2–1000 connections/,
    );
    expect(() => parseServeConfig({ CLOSEOUT_QUEUE_POOL_MAX: "2.5" })).toThrow(
      /CLOSEOUT_QUEUE_POOL_MAX: must be a whole number of connections/,
    );
    expect(() => parseServeConfig({ CLOSEOUT_QUEUE_POOL_MAX: "many" })).toThrow(
      /CLOSEOUT_QUEUE_POOL_MAX: must be a number of connections/,
    );
  });

  it("PostgreSQL needs a shared secret key", () => {
    expect(() => parseServeConfig({ DATABASE_URL: "postgres://db/closeout" })).toThrow(/CLOSEOUT_SECRET_KEY/);
    const c = parseServeConfig({ DATABASE_URL: "postgres://db/closeout", CLOSEOUT_SECRET_KEY: KEY });
    expect(c.secretKey).toBe(KEY);
  });

  it("puts the token key outside the data dir, one file per data dir, unless told otherwise", () => {
    // A made-up home under the temp dir: the test reads no real home.
    const homeDir = join(tmpdir(), "closeout-test-home");
    const home = { HOME: homeDir };
    const inHome = (rest: string) => new RegExp(`^${escapeRegExp(homeDir)}${rest}`);
    const a = parseServeConfig(home, { "data-dir": "/srv/closeout/data" });
    expect(a.keyFileSource).toBe("config-home");
    expect(a.keyFile).toMatch(inHome("/\\.config/closeout/keys/data-[0-9a-f]{12}\\.key$"));
    expect(a.keyFile.startsWith(a.dataDir)).toBe(false);
    const b = parseServeConfig(home, { "data-dir": "/srv/other/data" });
    expect(b.keyFile).not.toBe(a.keyFile);
    expect(parseServeConfig(home, { "data-dir": "/srv/closeout/data/" }).keyFile).toBe(a.keyFile);

    const xdg = parseServeConfig({ ...home, XDG_CONFIG_HOME: "/etc/xdg-trader" }, { "data-dir": "/d" });
    expect(xdg.keyFile).toMatch(/^\/etc\/xdg-trader\/closeout\/keys\/d-[0-9a-f]{12}\.key$/);
    // A relative XDG_CONFIG_HOME is ignored, as the XDG spec says.
    expect(parseServeConfig({ ...home, XDG_CONFIG_HOME: "rel" }).keyFile).toMatch(inHome("/\\.config/"));

    expect(parseServeConfig({ ...home, CLOSEOUT_KEY_FILE: "/run/secrets/k" })).toMatchObject({
      keyFile: "/run/secrets/k",
      keyFileSource: "setting",
    });
    expect(parseServeConfig(home, { "data-dir": "/d" }, { keyBesideData: true })).toMatchObject({
      keyFile: "/d/token.key",
      keyFileSource: "data-dir",
    });
    expect(parseServeConfig({}, { "data-dir": "/d" })).toMatchObject({
      keyFile: "/d/token.key",
      keyFileSource: "no-home",
    });
  });

  it("CLOSEOUT_TRUST_PROXY is a hop count; 0/1 and false/true keep their meaning", () => {
    expect(parseServeConfig({}).proxyHops).toBe(0);
    expect(parseServeConfig({ CLOSEOUT_TRUST_PROXY: "0" }).proxyHops).toBe(0);
    expect(parseServeConfig({ CLOSEOUT_TRUST_PROXY: "1" }).proxyHops).toBe(1);
    expect(parseServeConfig({ CLOSEOUT_TRUST_PROXY: "true" }).proxyHops).toBe(1);
    expect(parseServeConfig({ CLOSEOUT_TRUST_PROXY: "false" }).proxyHops).toBe(0);
    expect(parseServeConfig({ CLOSEOUT_TRUST_PROXY: "3" }).proxyHops).toBe(3);
    expect(() => parseServeConfig({ CLOSEOUT_TRUST_PROXY: "yes" })).toThrow(
      /CLOSEOUT_TRUST_PROXY: must be the number of proxy hops/,
    );
    expect(() => parseServeConfig({ CLOSEOUT_TRUST_PROXY: "-1" })).toThrow(/CLOSEOUT_TRUST_PROXY/);
    expect(() => parseServeConfig({ CLOSEOUT_TRUST_PROXY: "11" })).toThrow(/at most 10 proxy hops/);
  });

  it("sign-up is open only when nothing but this machine can reach the server", () => {
    expect(parseServeConfig({}).signup).toBe("open");
    expect(parseServeConfig({ CLOSEOUT_HOST: "localhost" }).signup).toBe("open");
    expect(parseServeConfig({ CLOSEOUT_HOST: "0.0.0.0" }).signup).toBe("invite");
    expect(parseServeConfig({ CLOSEOUT_HOST: "::" }).signup).toBe("invite");
    // Loopback behind a reverse proxy is the usual internet deployment.
    expect(parseServeConfig({ CLOSEOUT_TRUST_PROXY: "1" }).signup).toBe("invite");
    expect(parseServeConfig({ CLOSEOUT_PUBLIC_URL: "https://closeout.example.com" }).signup).toBe("invite");
    expect(parseServeConfig({ CLOSEOUT_PUBLIC_URL: "http://[::1]:8080" }).signup).toBe("open");
    expect(parseServeConfig({ CLOSEOUT_HOST: "0.0.0.0", CLOSEOUT_SIGNUP: "open" }).signup).toBe("open");
    expect(parseServeConfig({ CLOSEOUT_SIGNUP: "closed" }).signup).toBe("closed");
    expect(parseServeConfig({ CLOSEOUT_HOST: "0.0.0.0" }, {}, { signup: "open" }).signup).toBe("open");
    expect(() => parseServeConfig({ CLOSEOUT_SIGNUP: "public" })).toThrow(
      /CLOSEOUT_SIGNUP: must be "open", "invite" or "closed"/,
    );
  });

  it("operations settings: defaults, values, and bad values named without echoing the token", () => {
    const d = parseServeConfig({});
    expect(d).toMatchObject({ metricsToken: null, syncLeaseMs: 30_000, shutdownTimeoutMs: 20_000 });
    const token = "scrape-me-with-this-long-token";
    const c = parseServeConfig({
      CLOSEOUT_METRICS_TOKEN: token,
      CLOSEOUT_SYNC_LEASE_SECONDS: "3",
      CLOSEOUT_SHUTDOWN_TIMEOUT_SECONDS: "45",
    });
    expect(c).toMatchObject({ metricsToken: token, syncLeaseMs: 3_000, shutdownTimeoutMs: 45_000 });
    let message = "";
    try {
      parseServeConfig({
        CLOSEOUT_METRICS_TOKEN: "short-secret",
        CLOSEOUT_SYNC_LEASE_SECONDS: "0",
        CLOSEOUT_SHUTDOWN_TIMEOUT_SECONDS: "soon",
      });
    } catch (e) {
      message = (e as AppError).message;
    }
    expect(message).toContain("CLOSEOUT_METRICS_TOKEN: must be at least 24 printable characters");
    expect(message).toContain("CLOSEOUT_SYNC_LEASE_SECONDS: must be 1–600 seconds");
    expect(message).toContain("CLOSEOUT_SHUTDOWN_TIMEOUT_SECONDS: must be a number");
    expect(message).not.toContain("short-secret");
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
