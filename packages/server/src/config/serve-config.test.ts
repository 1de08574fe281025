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

  it("PostgreSQL needs a shared secret key", () => {
    expect(() => parseServeConfig({ DATABASE_URL: "postgres://db/closeout" })).toThrow(/CLOSEOUT_SECRET_KEY/);
    const c = parseServeConfig({ DATABASE_URL: "postgres://db/closeout", CLOSEOUT_SECRET_KEY: KEY });
    expect(c.secretKey).toBe(KEY);
  });
});
