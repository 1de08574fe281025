// GET /api/stats under loopback load for a user with ~5k executions and one with ~100k, against a /healthz
// baseline measured in the same run (same server, same client, same concurrency). Each phase is bounded by a
// request count and a time budget. The database is an in-memory PGlite; statements come from flex-sim's
// generator and are stored as uploads and syncs store them. Also printed: the warm-up an upload or a sync
// triggers in the background, the first request after it, a cold first request on a fresh cache (a restarted
// server), the first request of a new filter, and the breakdowns page's request (?detail=symbols).
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { cpus, loadavg } from "node:os";
import { parseFlex } from "@closeout/core";
import { generateStatement } from "@closeout/flex-sim";
import { serve } from "@hono/node-server";
import { createApp } from "../packages/server/src/api/create-app.ts";
import { createJsonLogger } from "../packages/server/src/api/logger.ts";
import { createTradeBookCache } from "../packages/server/src/api/trade-book.ts";
import { createSession } from "../packages/server/src/auth/sessions.ts";
import { createTokenCipher } from "../packages/server/src/crypto/token-cipher.ts";
import { openDatabase } from "../packages/server/src/db/database.ts";
import { importFlexData } from "../packages/server/src/db/import-flex-data.ts";
import { migrateToLatest } from "../packages/server/src/db/migrate.ts";
import { createFlexClient } from "../packages/server/src/flex-client/flex-client.ts";
import { rebuildAccountTrades } from "../packages/server/src/sync/rebuild-account-trades.ts";

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
  headers: Record<string, string>,
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
      const res = await fetch(url, { headers });
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
  const books = createTradeBookCache();
  const app = createApp({
    db,
    books,
    clock: { now: () => Date.now() },
    flexClient: createFlexClient({ baseUrl: "http://127.0.0.1:9" }),
    cipher: createTokenCipher(Buffer.alloc(32, 1)),
    enqueueSync: async () => {},
    logger: createJsonLogger(() => {}, { level: "error" }),
    publicUrl: "http://127.0.0.1",
  });
  // The same database behind a second app with its own (empty) caches: what a restarted server sees.
  const coldApp = createApp({
    db,
    clock: { now: () => Date.now() },
    flexClient: createFlexClient({ baseUrl: "http://127.0.0.1:9" }),
    cipher: createTokenCipher(Buffer.alloc(32, 1)),
    enqueueSync: async () => {},
    logger: createJsonLogger(() => {}, { level: "error" }),
    publicUrl: "http://127.0.0.1",
    bookRefreshMs: 0,
  });
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () =>
      resolve(s as Server),
    ) as Server;
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const users: { name: string; userId: string; cookie: string; executions: number }[] = [];
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
      const session = await createSession(db.kysely, user.id, new Date(), "bench");
      const cookie = `closeout_session=${session.id}`;
      // Stored the way uploads and syncs store statements (rows, then the account's trade book rebuilt);
      // the 100k statement is larger than the upload limit, so both go through importFlexData directly.
      await importFlexData(db, { userId: user.id, data, rawXml: xml, rebuild: rebuildAccountTrades });
      const imported = performance.now();
      // What the upload route (and the book watcher, after a sync) then does in the background.
      await books.warm(db.kysely, user.id);
      const warmS = (performance.now() - imported) / 1000;
      users.push({ name, userId: user.id, cookie, executions: data.executions.length });
      console.log(
        `user ${name}: ${data.executions.length} executions (${(xml.length / 1e6).toFixed(1)} MB) generated, parsed and imported in ${((imported - t0) / 1000).toFixed(1)} s, cache warmed in ${warmS.toFixed(1)} s`,
      );
    }

    console.log(
      `load average before the load phases: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
    const healthz = await load(`${base}/healthz`, {});
    console.log(`baseline GET /healthz: ${fmt(healthz)}`);
    for (const u of users) {
      const t0 = performance.now();
      const first = await fetch(`${base}/api/stats`, { headers: { Cookie: u.cookie } });
      const bytes = await first.arrayBuffer();
      const body = JSON.parse(new TextDecoder().decode(bytes)) as { summary: { trades: string } };
      const firstMs = performance.now() - t0;
      const t2 = performance.now();
      const filtered = await fetch(`${base}/api/stats?side=long`, { headers: { Cookie: u.cookie } });
      await filtered.arrayBuffer();
      const filteredMs = performance.now() - t2;
      // fetch asks for gzip like browsers do, but inflates it on this same (shared) CPU: also measured
      // without compression, which is the server's cost alone.
      const r = await load(`${base}/api/stats`, { Cookie: u.cookie });
      const plain = await load(`${base}/api/stats`, { Cookie: u.cookie, "Accept-Encoding": "identity" });
      // The breakdowns page's request: every symbol row (the dashboard's answer carries the 50 busiest).
      const t3 = performance.now();
      const symbolsRes = await fetch(`${base}/api/stats?detail=symbols`, { headers: { Cookie: u.cookie } });
      const symbolsBytes = await symbolsRes.arrayBuffer();
      const symbolsFirstMs = performance.now() - t3;
      const symbols = await load(`${base}/api/stats?detail=symbols`, { Cookie: u.cookie }, 500, 5);
      // Cold: a fresh cache over the same database (a restarted server), nothing warmed. Last, since it
      // blocks this process's event loop for as long as the rebuild takes.
      const t1 = performance.now();
      const cold = await coldApp.request("/api/stats", { headers: { Cookie: u.cookie } });
      await cold.arrayBuffer();
      const coldMs = performance.now() - t1;
      console.log(
        `GET /api/stats (${u.name}: ${u.executions} executions, ${body.summary.trades} trades, ${(bytes.byteLength / 1e6).toFixed(2)} MB): first request after import ${firstMs.toFixed(0)} ms, cold (fresh cache) ${coldMs.toFixed(0)} ms, first ?side=long ${filteredMs.toFixed(0)} ms`,
      );
      for (const [label, x] of [
        ["gzip", r],
        ["identity", plain],
      ] as const) {
        console.log(`  under load (${label}): ${fmt(x)}`);
        console.log(
          `    ratio to /healthz: p50 ${(x.p50 / healthz.p50).toFixed(1)}×, p99 ${(x.p99 / healthz.p99).toFixed(1)}×, throughput ${(healthz.perSecond / x.perSecond).toFixed(1)}× lower`,
        );
      }
      console.log(
        `  GET /api/stats?detail=symbols (breakdowns page, ${(symbolsBytes.byteLength / 1e6).toFixed(2)} MB): first request ${symbolsFirstMs.toFixed(0)} ms; under load (gzip, ≤ 500 req or 5 s): ${fmt(symbols)}`,
      );
    }
    console.log(
      `load average at the end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")} (${cpus().length} cores)`,
    );
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchApiStats();
