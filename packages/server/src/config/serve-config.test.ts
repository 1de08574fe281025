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

  it("PostgreSQL needs a shared secret key", () => {
    expect(() => parseServeConfig({ DATABASE_URL: "postgres://db/closeout" })).toThrow(/CLOSEOUT_SECRET_KEY/);
    const c = parseServeConfig({ DATABASE_URL: "postgres://db/closeout", CLOSEOUT_SECRET_KEY: KEY });
    expect(c.secretKey).toBe(KEY);
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
