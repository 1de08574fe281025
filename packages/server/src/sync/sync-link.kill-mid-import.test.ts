// kill -9 in the middle of the import transaction: a child process syncs, writes the statement's rows inside
// the transaction, and is SIGKILLed there. Nothing of that statement may remain, and the next sync stores it
// completely — on the embedded database (the dead child's data-dir lock is taken over) and on PostgreSQL.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FlexSim } from "@closeout/flex-sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, openPostgres } from "../db/database.ts";
import { migrateToLatest } from "../db/migrate.ts";
import { listSyncRuns } from "../db/sync-runs-repository.ts";
import { openEmbeddedDatabase } from "../embedded/open-embedded-database.ts";
import {
  createTestPostgresDatabase,
  postgresTestsEnabled,
  releaseTestPostgres,
} from "../test-support/test-database.ts";
import { syncLink } from "./sync-link.ts";
import {
  countRows,
  createLinkedUser,
  expectedExecutions,
  smallQuery,
  startTestFlexSim,
  testCipher,
  testFlexClient,
} from "./sync-test-kit.ts";

const here = dirname(fileURLToPath(import.meta.url));
const SIM_SEED = 41;
const key = randomBytes(32);
const cipher = testCipher(key);
let sim: FlexSim;
beforeAll(async () => {
  sim = await startTestFlexSim(SIM_SEED);
});
afterAll(async () => {
  await sim.close();
  await releaseTestPostgres();
});

/** Runs the child until it reports being inside the transaction, then kills it with SIGKILL. */
function runAndKill(env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--conditions=closeout-source", "--import", "tsx", join(here, "kill-mid-import.child.ts")],
      {
        env: { ...process.env, ...env },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    let err = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`child never reached the transaction: ${out} ${err}`));
    }, 40_000);
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("IN_TRANSACTION")) child.kill("SIGKILL");
    });
    child.stderr.on("data", (d: Buffer) => {
      err += d.toString();
    });
    child.on("exit", (_code, signal) => {
      clearTimeout(timer);
      if (signal === "SIGKILL" && out.includes("IN_TRANSACTION")) resolve(out.trim());
      else reject(new Error(`child ended without being killed mid-transaction: ${out} ${err}`));
    });
  });
}

interface Leg {
  readonly name: string;
  /** The parent's database, and env for the child. The parent's database is closed during the kill. */
  readonly open: () => Promise<{
    openDb: () => Promise<Db>;
    childEnv: Record<string, string>;
    done(): Promise<void>;
  }>;
}

const legs: Leg[] = [
  {
    name: "embedded",
    open: async () => {
      const dir = await mkdtemp(join(tmpdir(), "closeout-kill-"));
      return {
        // The parent closes it before the child runs: one process per data dir.
        openDb: () => openEmbeddedDatabase(dir),
        childEnv: { CHILD_DATA_DIR: dir },
        done: () => rm(dir, { recursive: true, force: true }),
      };
    },
  },
];
if (postgresTestsEnabled()) {
  legs.push({
    name: "postgres",
    open: async () => {
      const { url, drop } = await createTestPostgresDatabase();
      return {
        openDb: async () => openPostgres(url, { max: 3 }),
        childEnv: { CHILD_DATABASE_URL: url },
        done: drop,
      };
    },
  });
}

describe.each(legs)("kill -9 mid-import on $name", (leg) => {
  // The embedded leg creates a data dir (initdb) and opens it three times: slow on a busy machine.
  it("leaves no partial statement, and the next sync completes it", async () => {
    const store = await leg.open();
    try {
      let db = await store.openDb();
      await migrateToLatest(db);
      const query = smallQuery("U4400001", { executions: 40 });
      const { linkId, userId } = await createLinkedUser(db, sim, cipher, { query });
      await db.close();

      const said = await runAndKill({
        ...store.childEnv,
        CHILD_SIM_URL: sim.url,
        CHILD_KEY: key.toString("base64"),
        CHILD_LINK_ID: linkId,
      });
      // Inside the transaction the rows were there…
      expect(Number(said.split(" ")[1])).toBeGreaterThan(0);

      db = await store.openDb();
      try {
        // …and after the kill nothing of them is.
        expect(await countRows(db, userId)).toMatchObject({
          executions: 0,
          rawStatements: 0,
          accounts: 0,
          trades: 0,
        });
        const outcome = await syncLink(
          { db, cipher, flexClient: testFlexClient(sim), syncLeaseMs: 0 },
          linkId,
        );
        expect(outcome.result).toBe("imported");
        const expected = expectedExecutions(query, SIM_SEED);
        expect(await countRows(db, userId)).toMatchObject({
          executions: expected,
          distinctExecutionKeys: expected,
          rawStatements: 1,
        });
        const runs = await listSyncRuns(db.kysely, linkId);
        expect(runs.map((r) => r.status).sort()).toEqual(["failed", "succeeded"]);
        expect(runs.find((r) => r.status === "failed")?.message).toMatch(/abandoned/);
      } finally {
        await db.close();
      }
    } finally {
      await store.done();
    }
    // Three starts of the embedded database (parent, child, parent again) take most of a minute on a busy machine.
  }, 180_000);
});
