// Pruning by age, on PGlite and PostgreSQL: old login_throttle rows go unless they still lock; a link's
// last SYNC_RUNS_SHOWN runs (what the link page lists) stay whatever their age; running runs are never touched.
import { sql } from "kysely";
import { afterAll, describe, expect } from "vitest";
import { createLinkedUser, startTestFlexSim, testCipher } from "../sync/sync-test-kit.ts";
import { DB_KINDS, releaseTestPostgres } from "../test-support/test-database.ts";
import { useTestDb } from "../test-support/use-test-db.ts";
import {
  LOGIN_THROTTLE_MAX_AGE_MS,
  pruneOldRows,
  SYNC_RUNS_MAX_AGE_DAYS,
  SYNC_RUNS_SHOWN,
} from "./prune-old-rows.ts";

const DAY = 86_400_000;
const NOW = new Date(Date.UTC(2026, 5, 1, 12));
const ago = (ms: number) => new Date(NOW.getTime() - ms);

afterAll(releaseTestPostgres);

describe.each(DB_KINDS)("pruning old rows on %s", (kind) => {
  const t = useTestDb(kind);

  t.run("drops old throttle rows that lock nothing, and keeps the rest", async () => {
    const rows = [
      { key: "old-unlocked", updated_at: ago(LOGIN_THROTTLE_MAX_AGE_MS + DAY), locked_until: null },
      { key: "old-lock-over", updated_at: ago(LOGIN_THROTTLE_MAX_AGE_MS + DAY), locked_until: ago(DAY) },
      {
        key: "old-still-locked",
        updated_at: ago(LOGIN_THROTTLE_MAX_AGE_MS + DAY),
        locked_until: new Date(NOW.getTime() + 60_000),
      },
      { key: "recent", updated_at: ago(LOGIN_THROTTLE_MAX_AGE_MS - DAY), locked_until: null },
    ];
    await t.db.kysely
      .insertInto("login_throttle")
      .values(rows.map((r) => ({ ...r, failures: 5 })))
      .execute();
    const result = await pruneOldRows(t.db, NOW);
    expect(result.loginThrottle).toBe(2);
    const left = await t.db.kysely.selectFrom("login_throttle").select("key").orderBy("key").execute();
    expect(left.map((r) => r.key)).toEqual(["old-still-locked", "recent"]);
    // Nothing left to prune: a second run deletes nothing.
    expect(await pruneOldRows(t.db, NOW)).toEqual({ loginThrottle: 0, syncRuns: 0 });
  });

  t.run("keeps each link's last runs and every recent or running run, drops the rest by age", async () => {
    const sim = await startTestFlexSim(3);
    try {
      const cipher = testCipher();
      const busy = await createLinkedUser(t.db, sim, cipher, { query: { accounts: ["U8500001"] } });
      const quiet = await createLinkedUser(t.db, sim, cipher, { query: { accounts: ["U8500002"] } });
      const old = SYNC_RUNS_MAX_AGE_DAYS * DAY;
      const run = (linkId: string, startedAt: Date, status = "succeeded") => ({
        link_id: linkId,
        status,
        ib_error_code: null,
        message: null,
        started_at: startedAt,
        finished_at: status === "running" ? null : startedAt,
        timings: null,
      });
      // The busy link: 30 recent runs, then SYNC_RUNS_SHOWN + 20 old ones (one of them still running).
      const values = [
        ...Array.from({ length: 30 }, (_, i) => run(busy.linkId, ago((i + 1) * 3_600_000))),
        ...Array.from({ length: SYNC_RUNS_SHOWN + 20 }, (_, i) =>
          run(busy.linkId, ago(old + (i + 1) * DAY), i === SYNC_RUNS_SHOWN + 10 ? "running" : "failed"),
        ),
        // The quiet link: three runs, all old — they are its last ones, so they stay.
        ...Array.from({ length: 3 }, (_, i) => run(quiet.linkId, ago(old + (i + 1) * DAY))),
      ];
      await t.db.kysely.insertInto("sync_runs").values(values).execute();
      const result = await pruneOldRows(t.db, NOW);
      const count = async (linkId: string) =>
        Number(
          (
            await sql<{ n: string }>`select count(*) as n from sync_runs where link_id = ${linkId}`.execute(
              t.db.kysely,
            )
          ).rows[0]!.n,
        );
      // Kept: the 100 newest of the busy link, plus its old running run; dropped: the other 49 old ones.
      expect(result.syncRuns).toBe(30 + SYNC_RUNS_SHOWN + 20 - SYNC_RUNS_SHOWN - 1);
      expect(await count(busy.linkId)).toBe(SYNC_RUNS_SHOWN + 1);
      expect(await count(quiet.linkId)).toBe(3);
      const kept = await t.db.kysely
        .selectFrom("sync_runs")
        .select(["started_at", "status"])
        .where("link_id", "=", busy.linkId)
        .orderBy("started_at", "desc")
        .execute();
      // The newest 100 are exactly the ones kept (beside the running one).
      const newest = values
        .filter((v) => v.link_id === busy.linkId)
        .map((v) => v.started_at.getTime())
        .sort((x, y) => y - x)
        .slice(0, SYNC_RUNS_SHOWN);
      expect(kept.filter((r) => r.status !== "running").map((r) => r.started_at.getTime())).toEqual(newest);
      expect(kept.some((r) => r.status === "running")).toBe(true);
    } finally {
      await sim.close();
    }
  });
});
