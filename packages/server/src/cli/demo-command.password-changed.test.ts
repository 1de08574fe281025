// `npm start` twice on one data dir after the demo user changed its password in Settings: the second start
// must not fail ("could not sign in the demo user (HTTP 401)"); it runs, keeps that user and its data, and
// says the printed password no longer works. Embedded database only: that is what the demo runs on.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openApiSession } from "./api-session.ts";
import { DEMO_EMAIL, DEMO_PASSWORD, startDemo } from "./demo-command.ts";

const dataDir = mkdtempSync(join(tmpdir(), "closeout-demo-pw-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("demo after the demo user's password was changed", () => {
  it("starts again, keeps the user's data and reports the changed login", async () => {
    const first = await startDemo({ port: "0", dataDir, executions: 40, build: false, env: {} });
    const newPassword = "my own demo passphrase";
    let linksBefore: unknown;
    try {
      expect(first.demoLogin).toBe("ready");
      const api = await openApiSession(first.url);
      expect(
        (await api.call("POST", "/api/auth/login", { email: DEMO_EMAIL, password: DEMO_PASSWORD })).status,
      ).toBe(200);
      linksBefore = ((await api.call("GET", "/api/links")).json as { links: { id: string }[] }).links.map(
        (l) => l.id,
      );
      const changed = await api.call("POST", "/api/me/password", {
        currentPassword: DEMO_PASSWORD,
        newPassword,
      });
      expect(changed.status).toBe(204);
    } finally {
      await first.stop();
    }

    const lines: string[] = [];
    const second = await startDemo({
      port: "0",
      dataDir,
      executions: 40,
      build: false,
      env: {},
      say: (l) => lines.push(l),
    });
    try {
      expect(second.demoLogin).toBe("changed");
      const api = await openApiSession(second.url);
      // The chosen password still signs in, the demo one does not, and the link was neither lost nor doubled.
      expect(
        (await api.call("POST", "/api/auth/login", { email: DEMO_EMAIL, password: DEMO_PASSWORD })).status,
      ).toBe(401);
      expect(
        (await api.call("POST", "/api/auth/login", { email: DEMO_EMAIL, password: newPassword })).status,
      ).toBe(200);
      const links = ((await api.call("GET", "/api/links")).json as { links: { id: string }[] }).links.map(
        (l) => l.id,
      );
      expect(links).toEqual(linksBefore);
      expect((linksBefore as string[]).length).toBe(1);
    } finally {
      await second.stop();
    }
  }, 300_000);
});
