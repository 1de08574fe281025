// `closeout serve` as a real child process (node + tsx, as `npm start` runs it) against flex-sim, stopped
// with SIGTERM twice while a request and a sync are in flight: the first signal stops new connections and
// closes idle keep-alive ones at once; the second is logged and releases the sync (closed, lease freed,
// queued again), never killing the process; the request in flight still gets its whole answer; the process
// exits 0; and the next start runs the released sync. On the embedded database and on PostgreSQL.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { Agent, request } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FlexSim } from "@closeout/flex-sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLEX_PATH, smallQuery, startTestFlexSim } from "../sync/sync-test-kit.ts";
import { type CliChild, spawnCli } from "../test-support/spawn-cli.ts";
import {
  createTestPostgresDatabase,
  postgresTestsEnabled,
  releaseTestPostgres,
} from "../test-support/test-database.ts";
import { openApiSession } from "./api-session.ts";

let sim: FlexSim;
beforeAll(async () => {
  sim = await startTestFlexSim(47);
});
afterAll(async () => {
  await sim.close();
  await releaseTestPostgres();
});

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Leg {
  readonly name: string;
  readonly env: () => Promise<{ env: Record<string, string>; done(): Promise<void> }>;
}
const legs: Leg[] = [{ name: "embedded", env: async () => ({ env: {}, done: async () => {} }) }];
if (postgresTestsEnabled())
  legs.push({
    name: "postgres",
    env: async () => {
      const { url, drop } = await createTestPostgresDatabase();
      return { env: { DATABASE_URL: url }, done: drop };
    },
  });

describe.each(legs)("serve stopped by two SIGTERMs on $name", (leg) => {
  it("drains the request in flight, closes idle keep-alive connections, releases the sync, exits 0", async () => {
    const dir = await mkdtemp(join(tmpdir(), "closeout-shutdown-"));
    const db = await leg.env();
    const children: CliChild[] = [];
    const token = `tok${randomBytes(8).toString("hex")}`;
    const queryId = "910001";
    const queries = { [queryId]: smallQuery("U8700001", { executions: 30 }) };
    sim.registry.addToken(token, { queries });
    try {
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const serve = async () => {
        const child = spawnCli(
          [
            "serve",
            "--port",
            String(port),
            "--data-dir",
            join(dir, "data"),
            "--flex-base-url",
            `${sim.url}${FLEX_PATH}`,
          ],
          {
            ...db.env,
            CLOSEOUT_KEY_FILE: join(dir, "token.key"),
            CLOSEOUT_SHUTDOWN_TIMEOUT_SECONDS: "30",
            CLOSEOUT_LOG_LEVEL: "info",
          },
        );
        children.push(child);
        await child.waitForLog((e) => e.msg === "serving", 90_000);
        return child;
      };
      const server = await serve();
      const api = await openApiSession(base);
      const email = "shutdown@example.com";
      const password = "a long passphrase";
      expect((await api.call("POST", "/api/auth/signup", { email, password })).status).toBe(201);
      const linked = await api.call("POST", "/api/links", { token, queryId });
      expect(linked.status).toBe(201);
      const linkId = (linked.json as { link: { id: string } }).link.id;
      // The first import is a queued job of its own; the sync below comes after it.
      const importState = async () =>
        ((await api.call("GET", `/api/links/${linkId}/import`)).json as { import: { state: string } }).import
          .state;
      const imported = Date.now() + 60_000;
      while ((await importState()) !== "done" && Date.now() < imported) await sleep(100);
      expect(await importState()).toBe("done");

      // From now on IB keeps "generating": the sync stays in flight.
      sim.registry.addToken(token, { queries, pollsBeforeReady: 10_000 });
      expect((await api.call("POST", `/api/links/${linkId}/sync`)).status).toBe(202);
      const syncs = async () =>
        (
          (await api.call("GET", `/api/links/${linkId}/syncs`)).json as {
            syncs: { status: string; message: string | null }[];
          }
        ).syncs;
      const until = Date.now() + 60_000;
      while (!(await syncs()).some((s) => s.status === "running") && Date.now() < until) await sleep(100);
      expect((await syncs()).some((s) => s.status === "running")).toBe(true);

      // An idle keep-alive connection…
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const idleClosed = new Promise<number>((resolve) => {
        const req = request(`${base}/healthz`, { agent }, (res) => {
          res.resume();
          res.on("end", () => req.socket?.once("close", () => resolve(Date.now())));
        });
        req.end();
      });
      // …and a login whose body is still being sent.
      const body = JSON.stringify({ email, password });
      const csrf = await fetch(`${base}/api/auth/csrf`);
      const csrfToken = ((await csrf.json()) as { csrfToken: string }).csrfToken;
      // The last cookie of a name wins, as in a browser.
      const jar = new Map(
        csrf.headers.getSetCookie().map((c) => c.split(";")[0]!.split("=") as [string, string]),
      );
      const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
      let answered: { status: number; connection: string | undefined; body: string } | null = null;
      const slow = request(`${base}/api/auth/login`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "Content-Length": String(Buffer.byteLength(body)),
          Origin: base,
          Cookie: cookie,
          "X-CSRF-Token": csrfToken,
        },
      });
      const slowAnswer = new Promise<void>((resolve, reject) => {
        slow.on("response", (res) => {
          let text = "";
          res.on("data", (d: Buffer) => {
            text += d.toString();
          });
          res.on("end", () => {
            answered = { status: res.statusCode ?? 0, connection: res.headers.connection, body: text };
            resolve();
          });
        });
        slow.on("error", reject);
      });
      slow.write(body.slice(0, 10));
      await sleep(300);

      const signalledAt = Date.now();
      server.child.kill("SIGTERM");
      await server.waitForLog((e) => e.msg === "shutting down");
      // The idle keep-alive connection is closed at once, not after its keep-alive timeout.
      expect((await idleClosed) - signalledAt).toBeLessThan(2_000);
      // No new connections.
      await expect(fetch(`${base}/healthz`)).rejects.toThrow();

      server.child.kill("SIGTERM");
      await server.waitForLog((e) => e.msg === "syncs in flight released", 10_000);
      expect(server.logs.find((e) => e.msg === "syncs in flight released")).toMatchObject({ released: 1 });
      expect(
        server.logs.some((e) => typeof e.msg === "string" && e.msg.startsWith("another stop signal")),
      ).toBe(true);
      // Still alive: the request in flight has not been answered yet.
      expect(server.child.exitCode).toBeNull();
      expect(answered).toBeNull();
      slow.end(body.slice(10));
      await slowAnswer;
      expect(answered).toMatchObject({ status: 200, connection: "close" });
      expect(JSON.parse(answered!.body).user.email).toBe(email);

      const exit = await server.exited;
      expect(exit, server.output()).toEqual({ code: 0, signal: null });
      // Well before the 30 s deadline: nothing waited for the released sync.
      expect(Date.now() - signalledAt).toBeLessThan(20_000);
      expect(server.logs.some((e) => e.msg === "stopped")).toBe(true);
      agent.destroy();

      // The next start takes the released sync over at once and completes it.
      sim.registry.addToken(token, { queries });
      const again = await serve();
      const api2 = await openApiSession(base);
      expect((await api2.call("POST", "/api/auth/login", { email, password })).status).toBe(200);
      const list = async () =>
        (
          (await api2.call("GET", `/api/links/${linkId}/syncs`)).json as {
            syncs: { status: string; message: string | null }[];
          }
        ).syncs;
      const until2 = Date.now() + 60_000;
      while ((await list()).filter((s) => s.status === "succeeded").length < 2 && Date.now() < until2)
        await sleep(200);
      const after = await list();
      // The link's first pull, the released run, and the sync that took it over.
      expect(after.filter((s) => s.status === "succeeded")).toHaveLength(2);
      expect(after.filter((s) => s.status === "failed").map((s) => s.message)).toEqual([
        expect.stringMatching(/^released/),
      ]);
      expect(after.some((s) => s.status === "running")).toBe(false);
      again.child.kill("SIGTERM");
      expect((await again.exited).code).toBe(0);
    } finally {
      for (const c of children)
        if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill("SIGKILL");
      await Promise.all(children.map((c) => c.exited));
      sim.registry.removeToken(token);
      await db.done();
      await rm(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
