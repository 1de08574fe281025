// GET /api/stats under loopback load for a user with ~5k executions and one with ~100k, against a /healthz
// baseline measured in the same run (same server, same client, same concurrency). Each phase is bounded by a
// request count and a time budget. The database is an in-memory PGlite; statements come from flex-sim's
// generator and are imported the way uploads are.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parseFlex } from "@closeout/core";
import { generateStatement } from "@closeout/flex-sim";
import { serve } from "@hono/node-server";
import { createApp } from "../packages/server/src/api/create-app.ts";
import { createJsonLogger } from "../packages/server/src/api/logger.ts";
import { createSession } from "../packages/server/src/auth/sessions.ts";
import { createTokenCipher } from "../packages/server/src/crypto/token-cipher.ts";
import { openDatabase } from "../packages/server/src/db/database.ts";
import { importFlexData } from "../packages/server/src/db/import-flex-data.ts";
import { migrateToLatest } from "../packages/server/src/db/migrate.ts";
import { createFlexClient } from "../packages/server/src/flex-client/flex-client.ts";

const CONCURRENCY = 8;
const MAX_REQUESTS = 2_000;
const MAX_SECONDS = 10;

interface LoadResult {
  readonly requests: number;
  readonly seconds: number;
  readonly p50: number;
  readonly p99: number;
  readonly perSecond: number;
}

async function load(
  url: string,
  cookie: string,
  maxRequests = MAX_REQUESTS,
  maxSeconds = MAX_SECONDS,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + maxSeconds * 1000;
  let issued = 0;
  const worker = async () => {
    while (issued < maxRequests && performance.now() < deadline) {
      issued++;
      const t0 = performance.now();
      const res = await fetch(url, { headers: { Cookie: cookie } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    requests: latencies.length,
    seconds,
    p50: at(0.5),
    p99: at(0.99),
    perSecond: latencies.length / seconds,
  };
}

const fmt = (r: LoadResult) =>
  `${r.requests} req in ${r.seconds.toFixed(1)} s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${r.perSecond.toFixed(0)} req/s`;

export async function benchApiStats(): Promise<void> {
  const db = await openDatabase({});
  await migrateToLatest(db);
  const app = createApp({
    db,
    clock: { now: () => Date.now() },
    flexClient: createFlexClient({ baseUrl: "http://127.0.0.1:9" }),
    cipher: createTokenCipher(Buffer.alloc(32, 1)),
    enqueueSync: async () => {},
    logger: createJsonLogger(() => {}, { level: "error" }),
    publicUrl: "http://127.0.0.1",
  });
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () =>
      resolve(s as Server),
    ) as Server;
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const users: { name: string; cookie: string; executions: number }[] = [];
    for (const [name, executions, seed] of [
      ["5k", 5_000, 21],
      ["100k", 100_000, 22],
    ] as const) {
      const t0 = performance.now();
      const xml = generateStatement({
        seed,
        accounts: 1,
        executions,
        fromDate: "2025-01-02",
        toDate: "2025-12-31",
      });
      const data = parseFlex(xml);
      const user = await db.kysely
        .insertInto("users")
        .values({ email: `bench-${name}@example.com`, password_hash: "x" })
        .returning("id")
        .executeTakeFirstOrThrow();
      await importFlexData(db, { userId: user.id, data, rawXml: xml });
      const session = await createSession(db.kysely, user.id, new Date(), "bench");
      users.push({ name, cookie: `closeout_session=${session.id}`, executions: data.executions.length });
      console.log(
        `user ${name}: ${data.executions.length} executions imported in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
    }

    const healthz = await load(`${base}/healthz`, "");
    console.log(`baseline GET /healthz: ${fmt(healthz)}`);
    for (const u of users) {
      const t0 = performance.now();
      const first = await fetch(`${base}/api/stats`, { headers: { Cookie: u.cookie } });
      const body = (await first.json()) as { summary: { trades: string } };
      const coldMs = performance.now() - t0;
      const r = await load(`${base}/api/stats`, u.cookie);
      console.log(
        `GET /api/stats (${u.name}: ${u.executions} executions, ${body.summary.trades} trades; first request ${coldMs.toFixed(0)} ms): ${fmt(r)}`,
      );
      console.log(
        `  ratio to /healthz: p50 ${(r.p50 / healthz.p50).toFixed(1)}×, throughput ${(healthz.perSecond / r.perSecond).toFixed(1)}× lower`,
      );
    }
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchApiStats();
