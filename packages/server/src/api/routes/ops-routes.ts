// Liveness, readiness (the database answers) and Prometheus metrics, outside /api and without sessions.
// /metrics exists only when a bearer token is configured: without one it answers 404, like any unknown path.
import { Hono } from "hono";
import { AppError } from "../../app-error.ts";
import type { AppDeps, AppEnv } from "../app-env.ts";
import { bearerTokenMatches } from "../bearer-token-matches.ts";
import type { HttpMetrics } from "../metrics.ts";
import { createDatabaseProbe } from "../probe-database.ts";

/** /readyz answers 503 when the database has not answered `select 1` by then (load balancers wait ~2 s). */
export const READY_TIMEOUT_MS = 1_500;

export function opsRoutes(deps: AppDeps, metrics: HttpMetrics) {
  const db = deps.db.kysely;
  const probe = createDatabaseProbe(deps.db, deps.readyTimeoutMs ?? READY_TIMEOUT_MS);
  const metricsToken = deps.metricsToken ?? null;
  return new Hono<AppEnv>()
    .get("/healthz", (c) => c.json({ status: "ok" as const }, 200))
    .get("/readyz", async (c) => {
      const result = await probe();
      if (result === "ready") return c.json({ status: "ready" as const }, 200);
      return c.json(
        {
          status:
            result === "timeout" ? ("database not answering" as const) : ("database unreachable" as const),
        },
        503,
      );
    })
    .get("/metrics", async (c) => {
      if (metricsToken === null) throw new AppError("not-found", "no such page");
      if (!bearerTokenMatches(c.req.header("Authorization"), metricsToken)) {
        c.header("WWW-Authenticate", 'Bearer realm="metrics"');
        throw new AppError("unauthenticated", "/metrics needs the metrics bearer token");
      }
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
