// Liveness, readiness (the database answers) and Prometheus metrics, outside /api and without sessions.
import { Hono } from "hono";
import { sql } from "kysely";
import type { AppDeps, AppEnv } from "../app-env.ts";
import type { HttpMetrics } from "../metrics.ts";

export function opsRoutes(deps: AppDeps, metrics: HttpMetrics) {
  const db = deps.db.kysely;
  return new Hono<AppEnv>()
    .get("/healthz", (c) => c.json({ status: "ok" as const }, 200))
    .get("/readyz", async (c) => {
      try {
        await sql`select 1`.execute(db);
        return c.json({ status: "ready" as const }, 200);
      } catch {
        return c.json({ status: "database unreachable" as const }, 503);
      }
    })
    .get("/metrics", async (c) => {
      const extra: string[] = [];
      try {
        const rows = await db
          .selectFrom("sync_runs")
          .select(["status", (eb) => eb.fn.countAll<string>().as("n")])
          .groupBy("status")
          .execute();
        extra.push(
          "# HELP closeout_sync_runs Sync runs recorded in the database, by status.",
          "# TYPE closeout_sync_runs gauge",
          ...rows.map((r) => `closeout_sync_runs{status="${r.status.replace(/[^a-z-]/g, "")}"} ${r.n}`),
        );
      } catch {
        extra.push("# sync counts unavailable: database unreachable");
      }
      c.header("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      return c.body(metrics.render(extra), 200);
    });
}
