// The HTTP app. Routes are chained so that `AppType` carries every route, input and answer to the web app's
// hono/client. Order: request id + log + metrics → security headers → body limits → /healthz etc. → session and
// CSRF on /api → routes → web app → one error handler.
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { routePath } from "hono/route";
import { secureHeaders } from "hono/secure-headers";
import { AppError } from "../app-error.ts";
import { randomToken } from "../auth/secrets.ts";
import { journalRoutes } from "../journal/journal-routes.ts";
import type { AppDeps, AppEnv } from "./app-env.ts";
import { errorBody, handleError } from "./http-errors.ts";
import { HttpMetrics } from "./metrics.ts";
import { createResponseCache } from "./response-cache.ts";
import { accountsRoutes } from "./routes/accounts-routes.ts";
import { authRoutes } from "./routes/auth-routes.ts";
import { breakdownsRoutes } from "./routes/breakdowns-routes.ts";
import { linksRoutes } from "./routes/links-routes.ts";
import { meRoutes } from "./routes/me-routes.ts";
import { opsRoutes } from "./routes/ops-routes.ts";
import { publicRoutes } from "./routes/public-routes.ts";
import { returnsRoutes } from "./routes/returns-routes.ts";
import { tradesRoutes } from "./routes/trades-routes.ts";
import { csrfProtection, loadSession } from "./security-middleware.ts";
import { serveWebApp } from "./static-files.ts";
import { createTradeBookCache } from "./trade-book.ts";

export const JSON_BODY_LIMIT = 64 * 1024;

const tooLarge = (): never => {
  throw new AppError("payload-too-large", "the request body is too large");
};
const smallBody = bodyLimit({ maxSize: JSON_BODY_LIMIT, onError: tooLarge });

export function createApp(input: AppDeps) {
  const metrics = input.metrics ?? new HttpMetrics();
  const deps: AppDeps = {
    ...input,
    metrics,
    books: input.books ?? createTradeBookCache({ maxBytes: input.bookCacheBytes }),
    responses: input.responses ?? createResponseCache(),
  };
  const refreshMs = input.bookRefreshMs ?? 10_000;
  if (refreshMs > 0) deps.books!.watch(deps.db.kysely, refreshMs);

  const app = new Hono<AppEnv>()
    .use(async (c, next) => {
      const requestId = c.req.header("X-Request-Id")?.match(/^[\w-]{8,64}$/)?.[0] ?? randomToken(12);
      const log = deps.logger.child({ requestId });
      c.set("requestId", requestId);
      c.set("log", log);
      c.header("X-Request-Id", requestId);
      const started = performance.now();
      await next();
      const seconds = (performance.now() - started) / 1000;
      // The pattern of the handler that answered (bounded label set), not the raw path.
      const route = routePath(c);
      metrics.observe(c.req.method, route, c.res.status, seconds);
      // Path without the query string; never headers or bodies (cookies, passwords, tokens).
      log.info("request", {
        method: c.req.method,
        route,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(seconds * 10_000) / 10,
        ...(c.get("userId") ? { userId: c.get("userId") } : {}),
      });
    })
    .use(
      secureHeaders({
        contentSecurityPolicy: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", "data:", "blob:"],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          workerSrc: ["'self'"],
          manifestSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
        strictTransportSecurity: new URL(deps.publicUrl).protocol === "https:" ? "max-age=31536000" : false,
        crossOriginEmbedderPolicy: false,
      }),
    )
    // A statement upload is read by its route, after the session and its per-user gate (uploads/).
    .use("/api/*", (c, next) => (c.req.path === "/api/accounts/import" ? next() : smallBody(c, next)))
    .use("/api/*", loadSession(deps))
    .use("/api/*", csrfProtection(deps))
    .route("/", opsRoutes(deps, metrics))
    .route("/api/auth", authRoutes(deps))
    .route("/api/me", meRoutes(deps))
    .route("/api/links", linksRoutes(deps))
    .route("/api/accounts", accountsRoutes(deps))
    .route("/api/public", publicRoutes(deps))
    .route("/api/returns", returnsRoutes(deps))
    .route("/api", tradesRoutes(deps))
    .route("/api", breakdownsRoutes(deps))
    .route("/api", journalRoutes(deps));

  if (deps.webDist) app.use(serveWebApp(deps.webDist));
  app.notFound((c) => c.json(errorBody(new AppError("not-found", "no such page")), 404));
  app.onError(handleError);
  return app;
}

export type AppType = ReturnType<typeof createApp>;
