// /readyz and /metrics over real HTTP on loopback: readiness answers 503 within 2 s when the database hangs
// (its only or every pooled connection held by an open transaction, or a server that accepts and never
// answers), and /metrics needs the configured bearer token (404 when none is configured).
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createServer, type Server as NetServer, type Socket } from "node:net";
import { serve } from "@hono/node-server";
import { afterAll, describe, expect, it } from "vitest";
import { openPostgres } from "../db/database.ts";
import { DB_KINDS, dbKindEnabled, releaseTestPostgres } from "../test-support/test-database.ts";
import { createTestApp, type TestApp } from "./api-test-support.ts";

afterAll(releaseTestPostgres);

/** Serves the app on a loopback port for the duration of `work`. */
async function overHttp<T>(app: TestApp["app"], work: (base: string) => Promise<T>): Promise<T> {
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s as Server));
  });
  try {
    return await work(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}

async function timedGet(url: string, headers: Record<string, string> = {}) {
  const t0 = performance.now();
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
  const body = await res.text();
  return { status: res.status, body, ms: performance.now() - t0, headers: res.headers };
}

describe.each(DB_KINDS)("/readyz and /metrics on %s", (kind) => {
  const test = it.skipIf(!dbKindEnabled(kind));

  test("/readyz is 200 while the database answers and 503 within 2 s while it hangs", async () => {
    const t = await createTestApp(kind);
    try {
      await overHttp(t.app, async (base) => {
        expect((await timedGet(`${base}/readyz`)).status).toBe(200);
        // Hold every connection the app has (PGlite has one; the test pool has five) in open transactions.
        let release!: () => void;
        const held = new Promise<void>((r) => {
          release = r;
        });
        let started = 0;
        const holders = Array.from({ length: kind === "pglite" ? 1 : 5 }, () =>
          t.db.kysely.transaction().execute(async (tx) => {
            await tx.selectFrom("users").select("id").limit(1).execute();
            started++;
            await held;
          }),
        );
        while (started < holders.length) await new Promise((r) => setTimeout(r, 10));
        // Several probes while it hangs: each answers in time, and they do not pile up behind the hang.
        for (let i = 0; i < 3; i++) {
          const res = await timedGet(`${base}/readyz`);
          expect(res.status).toBe(503);
          expect(JSON.parse(res.body)).toEqual({ status: "database not answering" });
          expect(res.ms).toBeLessThan(2_000);
        }
        // /healthz does not touch the database.
        expect((await timedGet(`${base}/healthz`)).status).toBe(200);
        release();
        await Promise.all(holders);
        expect((await timedGet(`${base}/readyz`)).status).toBe(200);
      });
    } finally {
      await t.close();
    }
  });

  test("/metrics is 404 without a configured token", async () => {
    const t = await createTestApp(kind);
    try {
      await overHttp(t.app, async (base) => {
        const res = await timedGet(`${base}/metrics`, { Authorization: "Bearer anything" });
        expect(res.status).toBe(404);
        expect(res.body).not.toContain("closeout_http_requests_total");
      });
    } finally {
      await t.close();
    }
  });

  test("/metrics answers only the right bearer token", async () => {
    const token = "m3tr1cs-t0ken-for-the-scraper-0123456789";
    const t = await createTestApp(kind, { metricsToken: token });
    try {
      await overHttp(t.app, async (base) => {
        for (const auth of [
          undefined,
          "Bearer ",
          `Bearer ${token.slice(0, -1)}`,
          `Bearer ${token}x`,
          `Basic ${Buffer.from(`x:${token}`).toString("base64")}`,
          token,
        ]) {
          const res = await timedGet(`${base}/metrics`, auth === undefined ? {} : { Authorization: auth });
          expect(res.status, String(auth)).toBe(401);
          expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
          expect(res.body).not.toContain("closeout_");
          expect(res.body).not.toContain(token);
        }
        expect((await timedGet(`${base}/healthz`)).status).toBe(200);
        const ok = await timedGet(`${base}/metrics`, { Authorization: `Bearer ${token}` });
        expect(ok.status).toBe(200);
        expect(ok.body).toContain(
          'closeout_http_requests_total{method="GET",route="/healthz",status="200"} 1',
        );
        expect(ok.body).toContain(
          'closeout_http_requests_total{method="GET",route="/metrics",status="401"} 6',
        );
        expect(ok.body).toContain("closeout_http_request_duration_seconds_bucket");
        expect(ok.body).toContain("# TYPE closeout_sync_runs gauge");
      });
    } finally {
      await t.close();
    }
  });
});

describe("/readyz against a PostgreSQL server that accepts connections and never answers", () => {
  it("answers 503 within 2 s, every time", async () => {
    const sockets: Socket[] = [];
    const silent: NetServer = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    const port = (silent.address() as AddressInfo).port;
    const db = openPostgres(`postgres://closeout@127.0.0.1:${port}/closeout`, { max: 2 });
    const t = await createTestApp("pglite", { db });
    try {
      await overHttp(t.app, async (base) => {
        for (let i = 0; i < 3; i++) {
          const res = await timedGet(`${base}/readyz`);
          expect(res.status).toBe(503);
          expect(res.ms).toBeLessThan(2_000);
        }
      });
      // One probe at a time: repeated probes opened no more than one connection to the hung server.
      expect(sockets.length).toBe(1);
    } finally {
      for (const s of sockets) s.destroy();
      await db.close().catch(() => {});
      await new Promise((r) => silent.close(r));
    }
  });
});
