// `closeout invite` on the embedded database and on PostgreSQL: it prints a code and a sign-up link (the code
// in the fragment), stores only a hash, and the code signs up exactly one user through the API.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient } from "../api/api-test-support.ts";
import {
  createTestPostgresDatabase,
  DB_KINDS,
  dbKindEnabled,
  releaseTestPostgres,
} from "../test-support/test-database.ts";
import { captureIo } from "./cli-io.ts";
import { openCliStore } from "./open-cli-database.ts";
import { runCli } from "./run-cli.ts";

afterAll(releaseTestPostgres);

const KEY = Buffer.alloc(32, 9).toString("base64");
// Each test starts the embedded database once or twice, which is slow on a busy machine.

describe.each(DB_KINDS)("closeout invite on %s", (kind) => {
  const test = it.skipIf(!dbKindEnabled(kind));

  test("prints a single-use code and link; only its hash is stored", async () => {
    const dir = mkdtempSync(join(tmpdir(), "closeout-invite-"));
    const pg = kind === "postgres" ? await createTestPostgresDatabase() : null;
    const env: Record<string, string> = pg
      ? {
          DATABASE_URL: pg.url,
          CLOSEOUT_SECRET_KEY: KEY,
          CLOSEOUT_PUBLIC_URL: "https://closeout.example.com",
        }
      : { CLOSEOUT_DATA_DIR: join(dir, "data"), CLOSEOUT_PUBLIC_URL: "https://closeout.example.com" };
    try {
      const bad = captureIo(env);
      expect(await runCli(["invite", "--expires-days", "0"], bad)).toBe(2);
      expect(bad.stderr).toMatch(/--expires-days must be a whole number from 1 to 365/);

      const io = captureIo(env);
      expect(await runCli(["invite", "--expires-days", "2", "--json"], io)).toBe(0);
      const invite = JSON.parse(io.stdout) as { code: string; url: string; expiresAt: string };
      expect(invite.url).toBe(`https://closeout.example.com/signup#invite=${invite.code}`);
      expect(Date.parse(invite.expiresAt) - Date.now()).toBeGreaterThan(47 * 3_600_000);
      expect(Date.parse(invite.expiresAt) - Date.now()).toBeLessThanOrEqual(48 * 3_600_000);

      const store = await openCliStore({}, captureIo(env));
      try {
        const stored = await store.db.kysely
          .withTables<{ invites: { code_hash: string } }>()
          .selectFrom("invites")
          .select("code_hash")
          .execute();
        expect(stored.length).toBe(1);
        expect(JSON.stringify(stored)).not.toContain(invite.code);
        const t = await createTestApp(kind, { db: store.db, signup: "invite" });
        const signup = (email: string) =>
          new TestClient(t.app).post("/api/auth/signup", {
            email,
            password: "correct horse battery",
            invite: invite.code,
          });
        expect((await signup("invited@example.com")).status).toBe(201);
        expect((await signup("second@example.com")).status).toBe(403);
      } finally {
        await store.stop();
      }
    } finally {
      await pg?.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  test("prints code, link and expiry for people, and says so when the settings do not ask for invites", async () => {
    const dir = mkdtempSync(join(tmpdir(), "closeout-invite-"));
    const pg = kind === "postgres" ? await createTestPostgresDatabase() : null;
    const env: Record<string, string> = pg
      ? { DATABASE_URL: pg.url, CLOSEOUT_SECRET_KEY: KEY }
      : { CLOSEOUT_DATA_DIR: join(dir, "data") };
    try {
      const io = captureIo(env);
      expect(await runCli(["invite", "--public-url", "http://127.0.0.1:8080"], io)).toBe(0);
      expect(io.stdout).toMatch(/^invite code: [A-Za-z0-9_-]{24}$/m);
      expect(io.stdout).toMatch(
        /^sign-up link: http:\/\/127\.0\.0\.1:8080\/signup#invite=[A-Za-z0-9_-]{24}$/m,
      );
      expect(io.stdout).toMatch(/^single use; expires \d{4}-\d\d-\d\d \d\d:\d\d UTC$/m);
      expect(io.stderr).toMatch(/sign-up is open; invites count only when it is "invite"/);
    } finally {
      await pg?.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
