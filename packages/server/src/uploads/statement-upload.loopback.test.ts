// The attack over real HTTP on loopback: a signed-up user POSTs 40 MB of nested tags (sent by curl, a
// separate process, so the client's memory is not the server's). The server answers 400, keeps answering
// /healthz while it reads and checks the upload, and its RSS grows by a bounded amount (the target is 150 MB;
// the bound here leaves room for a noisy test process, and was 3.2 GB before the limits).
import { execFile } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { afterAll, describe, expect, it } from "vitest";
import { createTestApp, signUp, TEST_ORIGIN } from "../api/api-test-support.ts";
import { DB_KINDS, dbKindEnabled, releaseTestPostgres } from "../test-support/test-database.ts";

afterAll(releaseTestPostgres);

const dir = mkdtempSync(join(tmpdir(), "closeout-upload-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 40 MB of `<a>`, written in pieces so that the test process never holds it. */
function writeDeepNesting(path: string, megabytes: number): void {
  const fd = openSync(path, "w");
  writeSync(fd, "<FlexQueryResponse>");
  const piece = "<a>".repeat(349_526);
  for (let i = 0; i < megabytes; i++) writeSync(fd, piece);
  closeSync(fd);
}

function curl(args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile("curl", args, { maxBuffer: 1024 * 1024 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    ),
  );
}

describe.each(DB_KINDS)("a hostile upload to a real server on %s", (kind) => {
  it.skipIf(!dbKindEnabled(kind))(
    "40 MB of nesting: 400, /healthz answers throughout, RSS growth bounded",
    async () => {
      const t = await createTestApp(kind);
      const server = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" }) as Server;
      try {
        await new Promise<void>((resolve) => server.once("listening", () => resolve()));
        const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        const { client } = await signUp(t);
        const file = join(dir, `deep-${kind}.xml`);
        writeDeepNesting(file, 40);

        const rssBefore = process.memoryUsage().rss;
        let rssPeak = rssBefore;
        const sampler = setInterval(() => {
          rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
        }, 10);
        const health: number[] = [];
        let uploading = true;
        const poller = (async () => {
          while (uploading) {
            const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(10_000) });
            health.push(res.status);
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        })();
        const cookies = [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
        const answer = await curl([
          "-s",
          "-w",
          "\n%{http_code}",
          "-H",
          `Cookie: ${cookies}`,
          "-H",
          `X-CSRF-Token: ${client.cookies.get("closeout_csrf") ?? ""}`,
          "-H",
          `Origin: ${TEST_ORIGIN}`,
          "-H",
          "Content-Type: application/xml",
          "--data-binary",
          `@${file}`,
          `${base}/api/accounts/import`,
        ]).finally(() => {
          uploading = false;
        });
        await poller;
        clearInterval(sampler);

        const [body, status] = answer.split("\n");
        expect(status).toBe("400");
        expect(JSON.parse(body ?? "").error.code).toBe("nesting-too-deep");
        expect(health.length).toBeGreaterThan(0);
        expect(health.every((s) => s === 200)).toBe(true);
        expect((rssPeak - rssBefore) / 1e6).toBeLessThan(300);
        expect((await fetch(`${base}/healthz`)).status).toBe(200);
      } finally {
        await new Promise((resolve) => server.close(resolve));
        await t.close();
      }
    },
    60_000,
  );
});
