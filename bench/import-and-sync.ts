// Import and sync on the product's default store: PGlite in-process on an on-disk data dir (os.tmpdir()),
// opened by openEmbeddedDatabase exactly as `closeout serve` does.
//
// import: ~100k executions (flex-sim seed 7, 2 accounts, 2025) through importFlexData with the trade rebuild
//   as the product runs it (TRADE_REBUILD: a first statement this large has its books built on a worker
//   thread), into a fresh database (target < 5 s), then the same statement again (target < 2 s, must add
//   nothing).
//   Baseline, same run, same server and connection: the same execution rows (same executionToRow, same
//   500-row chunks, one transaction) as plain multi-row INSERTs into a scratch table of the executions table's
//   columns with no index, no constraint, no ON CONFLICT and no RETURNING — the cost of shipping the rows.
// sync: 200 links (one token and one query each, 50 executions, one 1019 poll before ready) synced through
//   flex-sim over real HTTP, with the product's Flex client (IB's real pacing and poll delays), by the job
//   queue (createJobQueue + createSyncJobHandler) with 4 workers, then 1 worker, each on a fresh database.
//   The baseline is the 1-worker run. The whole benchmark stops after CLOSEOUT_BENCH_SYNC_MAX_S (600 s); a
//   phase cut off by that budget reports the syncs it finished and their rate, marked as partial.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { type FlexData, parseFlex } from "@closeout/core";
import { type FlexSim, generateStatement, startFlexSim } from "@closeout/flex-sim";
import { type Kysely, sql, type Transaction } from "kysely";
import { createTokenCipher, type TokenCipher } from "../packages/server/src/crypto/token-cipher.ts";
import { type Db, openPostgres } from "../packages/server/src/db/database.ts";
import { executionKey, executionToRow } from "../packages/server/src/db/flex-rows.ts";
import { importFlexData } from "../packages/server/src/db/import-flex-data.ts";
import { createInstrumentRefs } from "../packages/server/src/db/instrument-refs.ts";
import { createLink } from "../packages/server/src/db/links-repository.ts";
import { migrateToLatest } from "../packages/server/src/db/migrate.ts";
import type { ExecutionsTable, Schema } from "../packages/server/src/db/schema.ts";
import { createUser } from "../packages/server/src/db/users-repository.ts";
import { openEmbeddedDatabase } from "../packages/server/src/embedded/open-embedded-database.ts";
import { createFlexClient } from "../packages/server/src/flex-client/flex-client.ts";
import { createJobQueue } from "../packages/server/src/queue/job-queue.ts";
import {
  type FirstStatement,
  rebuildAccountTrades,
  TRADE_REBUILD,
} from "../packages/server/src/sync/rebuild-account-trades.ts";
import { createSyncJobHandler } from "../packages/server/src/sync/sync-job-handler.ts";
import { findPostgresBinDir, startTestPostgres } from "../packages/server/src/test-support/postgres.ts";

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

/** The embedded store as `closeout serve` opens it, migrated. */
async function openEmbedded(label: string): Promise<{ db: Db; dataDir: string; close(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), `closeout-bench-${label}-`));
  const db = await openEmbeddedDatabase(dataDir);
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return {
    db,
    dataDir,
    async close() {
      await db.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function tableCount(db: Db, table: "executions" | "account_books"): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db.kysely);
  return Number(rows[0]?.n ?? 0);
}

// ---------------------------------------------------------------------------------------------- import

type BaselineSchema = Schema & { bench_executions: ExecutionsTable };

/** The same rows the import writes to `executions`, as plain INSERTs into an unindexed table of its columns. */
async function baselineInsert(db: Db, data: FlexData, statementId: string): Promise<number> {
  const k = db.kysely as unknown as Kysely<BaselineSchema>;
  await sql`create table bench_executions (like executions including defaults including identity)`.execute(k);
  const accountIds = new Map<string, string>();
  for (const e of data.executions)
    if (!accountIds.has(e.accountId)) accountIds.set(e.accountId, crypto.randomUUID());
  const started = performance.now();
  await k.transaction().execute(async (tx) => {
    const seen = new Set<string>();
    const rows = [];
    const instruments = createInstrumentRefs();
    for (const e of data.executions) {
      const key = `${e.accountId}\u0000${executionKey(e)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push({
        ...executionToRow(
          e,
          { account_id: accountIds.get(e.accountId) ?? "", first_statement_id: statementId },
          instruments.refOf(e),
        ),
        provenance: "upload" as const,
      });
    }
    for (let i = 0; i < rows.length; i += 500)
      await tx
        .insertInto("bench_executions")
        .values(rows.slice(i, i + 500))
        .execute();
  });
  const seconds = (performance.now() - started) / 1000;
  await sql`drop table bench_executions`.execute(k);
  return seconds;
}

export async function benchImport(): Promise<void> {
  const xml = generateStatement({
    seed: 7,
    accounts: 2,
    executions: 100_000,
    fromDate: "2025-01-02",
    toDate: "2025-12-31",
  });
  const data = parseFlex(xml);
  const n = data.executions.length;
  console.log(
    `statement: ${n} executions, ${data.optionEvents.length} option events, ${data.corporateActions.length} corporate actions, ${data.openPositions.length} positions, ${(xml.length / 1e6).toFixed(1)} MB (parsed once, not timed)`,
  );
  console.log("-- embedded PGlite (the product's default; the target applies here)");
  const store = await openEmbedded("import");
  try {
    await importPhases(store.db, data, xml);
  } finally {
    await store.close();
  }
  // The same phases on a real PostgreSQL 15 (throwaway cluster), for comparison: what a deployment gets.
  if (findPostgresBinDir() === null) {
    console.log("-- PostgreSQL: binaries not found, skipped");
    return;
  }
  console.log("-- PostgreSQL (throwaway local cluster, for comparison)");
  const server = await startTestPostgres();
  const db = openPostgres(server.url, { max: 5 });
  try {
    await migrateToLatest(db);
    await importPhases(db, data, xml);
  } finally {
    await db.close();
    await server.stop();
  }
}

/** Baseline, first import (fresh database) and re-import of the same statement on one store. */
async function importPhases(db: Db, data: FlexData, xml: string): Promise<void> {
  const n = data.executions.length;
  const user = await createUser(db.kysely, { email: "bench-import@example.com", passwordHash: "x" });
  console.log(`load average before: ${load()}`);

  const baseline = await baselineInsert(db, data, crypto.randomUUID());
  console.log(
    `baseline (same ${n} execution rows, 500-row INSERTs, unindexed table, one transaction): ${baseline.toFixed(2)} s, ${(n / baseline).toFixed(0)} executions/s`,
  );

  let rebuildS = 0;
  const rebuild = async (
    tx: Transaction<Schema>,
    accountIds: readonly string[],
    first: FirstStatement | null,
  ) => {
    const t0 = performance.now();
    try {
      return await rebuildAccountTrades(tx, accountIds, first);
    } finally {
      rebuildS = (performance.now() - t0) / 1000;
    }
  };
  const runImport = async () => {
    const t0 = performance.now();
    const result = await importFlexData(db, {
      userId: user.id,
      data,
      rawXml: xml,
      rebuild,
      onFirstStatement: TRADE_REBUILD.onFirstStatement,
    });
    return { result, seconds: (performance.now() - t0) / 1000 };
  };

  const first = await runImport();
  const firstRebuild = rebuildS;
  const stored = await tableCount(db, "executions");
  console.log(
    `first import (fresh db, with rebuild): ${first.seconds.toFixed(2)} s (target < 5 s), ${(n / first.seconds).toFixed(0)} executions/s; rows ${(first.seconds - firstRebuild).toFixed(2)} s + rebuild ${firstRebuild.toFixed(2)} s (the books are built on a worker thread while the rows are stored; this is the wait for them and their storing)`,
  );
  console.log(
    `  added ${first.result.executionsAdded}, existing ${first.result.executionsExisting}, trades ${first.result.tradesRebuilt}, executions table ${stored} rows`,
  );

  rebuildS = 0;
  const again = await runImport();
  const againRebuild = rebuildS;
  const storedAfter = await tableCount(db, "executions");
  console.log(
    `re-import (same statement): ${again.seconds.toFixed(2)} s (target < 2 s), ${(n / again.seconds).toFixed(0)} executions/s; rows ${(again.seconds - againRebuild).toFixed(2)} s + ${again.result.tradesRebuilt === null ? "rebuild skipped (nothing new)" : `rebuild ${againRebuild.toFixed(2)} s`}`,
  );
  console.log(
    `  added ${again.result.executionsAdded} (must be 0), existing ${again.result.executionsExisting}, statement already stored: ${again.result.statementAlreadyStored}, executions table ${storedAfter} rows`,
  );
  if (again.result.executionsAdded !== 0 || storedAfter !== stored)
    console.log("  WARNING: the re-import added executions");
  console.log(
    `ratio to baseline: first import ${(first.seconds / baseline).toFixed(2)}×, re-import ${(again.seconds / baseline).toFixed(2)}×`,
  );
  console.log(`load average after: ${load()}`);
}

// ------------------------------------------------------------------------------------------------ sync

const LINKS = 200;
const EXECUTIONS_PER_LINK = 50;
const FLEX_PATH = "/AccountManagement/FlexWebService";

interface PhaseResult {
  readonly workers: number;
  readonly finished: number;
  readonly succeeded: number;
  readonly seconds: number;
  readonly complete: boolean;
}

async function syncPhase(
  sim: FlexSim,
  cipher: TokenCipher,
  workers: number,
  deadline: number,
): Promise<PhaseResult> {
  const store = await openEmbedded(`sync${workers}`);
  const { db } = store;
  let queue: Awaited<ReturnType<typeof createJobQueue>> | null = null;
  try {
    const links: string[] = [];
    for (let i = 0; i < LINKS; i++) {
      const token = randomBytes(16).toString("hex");
      const queryId = String(700_000 + i);
      sim.registry.addToken(token, {
        pollsBeforeReady: 1,
        queries: {
          [queryId]: {
            accounts: [`U${workers}${String(i).padStart(6, "0")}`],
            seed: 1_000 + i,
            executions: EXECUTIONS_PER_LINK,
            fromDate: "2025-01-02",
            toDate: "2025-03-31",
          },
        },
      });
      const user = await createUser(db.kysely, {
        email: `bench-sync-${workers}-${i}@example.com`,
        passwordHash: "x",
      });
      const id = randomUUID();
      const link = await createLink(db.kysely, {
        id,
        userId: user.id,
        queryId,
        token: cipher.encrypt(token, id),
      });
      links.push(link.id);
    }
    // The product's queue settings on the embedded database (start-runtime.ts), without the daily schedule.
    queue = await createJobQueue(db, { scheduleCron: null });
    for (const linkId of links) await queue.enqueueSync(linkId, { reason: "manual" });
    const flexClient = createFlexClient({ baseUrl: `${sim.url}${FLEX_PATH}` });
    const handler = createSyncJobHandler({ db, flexClient, cipher });

    const started = Date.now();
    await queue.work(handler, { concurrency: workers });
    let finished = 0;
    let succeeded = 0;
    let complete = false;
    let lastReport = started;
    for (;;) {
      const { rows } = await sql<{ finished: string; succeeded: string; failed: string; last: Date | null }>`
        select count(distinct link_id) filter (where finished_at is not null) as finished,
               count(distinct link_id) filter (where status = 'succeeded') as succeeded,
               count(*) filter (where status = 'failed') as failed,
               max(finished_at) as last
        from sync_runs`.execute(db.kysely);
      const r = rows[0];
      finished = Number(r?.finished ?? 0);
      succeeded = Number(r?.succeeded ?? 0);
      if (succeeded === LINKS || (finished === LINKS && (await queue.pendingSyncs()) === 0)) {
        complete = true;
        const seconds = ((r?.last?.getTime() ?? Date.now()) - started) / 1000;
        return { workers, finished, succeeded, seconds, complete };
      }
      if (Date.now() >= deadline) {
        console.log(
          `  ABORTED: the sync benchmark's time budget ran out; ${workers} worker(s) finished ${finished}/${LINKS} links in ${((Date.now() - started) / 1000).toFixed(0)} s (raise CLOSEOUT_BENCH_SYNC_MAX_S for a full run)`,
        );
        return { workers, finished, succeeded, seconds: (Date.now() - started) / 1000, complete };
      }
      if (Date.now() - lastReport >= 60_000) {
        lastReport = Date.now();
        console.log(
          `  … ${workers} worker(s): ${finished}/${LINKS} after ${((lastReport - started) / 1000).toFixed(0)} s (failed runs: ${r?.failed ?? 0})`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await queue?.stop({ graceful: false }).catch(() => {});
    const { rows } = await sql<{ fetch: string | null; imp: string | null; total: string | null }>`
      select avg((timings->>'fetchMs')::numeric) as fetch, avg((timings->>'importMs')::numeric) as imp,
             avg((timings->>'totalMs')::numeric) as total
      from sync_runs where status = 'succeeded'`
      .execute(db.kysely)
      .catch(() => ({ rows: [] }));
    const t = rows[0];
    if (t?.total)
      console.log(
        `  per sync (mean): fetch ${Number(t.fetch).toFixed(0)} ms (pacing + poll delay), import ${Number(t.imp).toFixed(0)} ms, total ${Number(t.total).toFixed(0)} ms`,
      );
    await store.close();
  }
}

export async function benchSync(): Promise<void> {
  const maxSeconds = Number(process.env.CLOSEOUT_BENCH_SYNC_MAX_S ?? 600);
  const deadline = Date.now() + maxSeconds * 1000;
  const sim = await startFlexSim({ seed: 7 });
  const cipher = createTokenCipher(randomBytes(32));
  console.log(
    `${LINKS} links × ${EXECUTIONS_PER_LINK} executions, 1 poll before ready, IB pacing (1.1 s / 10 per 61 s per token), time budget ${maxSeconds} s`,
  );
  const results: PhaseResult[] = [];
  try {
    for (const workers of [4, 1]) {
      console.log(`load average before ${workers} worker(s): ${load()}`);
      const r = await syncPhase(sim, cipher, workers, deadline);
      results.push(r);
      const rate = r.succeeded / r.seconds;
      console.log(
        `${workers} worker(s): ${r.complete ? "" : "PARTIAL, "}${r.succeeded}/${LINKS} synced in ${r.seconds.toFixed(1)} s, ${rate.toFixed(2)} syncs/s${r.complete ? "" : `, ${(LINKS / rate).toFixed(0)} s projected for ${LINKS}`}`,
      );
      if (Date.now() >= deadline) break;
    }
  } finally {
    await sim.close();
  }
  const [four, one] = results;
  if (four && one && one.succeeded > 0 && four.succeeded > 0) {
    const speedup = four.succeeded / four.seconds / (one.succeeded / one.seconds);
    const basis = four.complete && one.complete ? "wall time" : "syncs/s (a phase was partial)";
    console.log(`ratio 4 workers vs 1 worker (baseline): ${speedup.toFixed(2)}× faster, by ${basis}`);
  } else console.log("ratio: not measured (the 1-worker phase did not run within the time budget)");
}
