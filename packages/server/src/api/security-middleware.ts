// Request-level protections: CSRF (double-submit cookie + Origin check) on every state-changing /api request,
// session lookup, and the "signed in" guard. A request without a CSRF cookie gets one, so the web app always
// has a value to echo.
import type { MiddlewareHandler } from "hono";
import { AppError } from "../app-error.ts";
import { safeEqual } from "../auth/secrets.ts";
import { findSessionUser } from "../auth/sessions.ts";
import type { AppDeps, AppEnv } from "./app-env.ts";
import { CSRF_HEADER, isSecureUrl, issueCsrfCookie, readCsrfCookie, readSessionCookie } from "./cookies.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function csrfProtection(deps: AppDeps): MiddlewareHandler<AppEnv> {
  const allowedOrigin = new URL(deps.publicUrl).origin;
  const secure = isSecureUrl(deps.publicUrl);
  return async (c, next) => {
    const cookie = readCsrfCookie(c);
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header("Origin");
      if (origin !== undefined && origin !== allowedOrigin) {
        throw new AppError("csrf", "request refused: it comes from another site");
      }
      const header = c.req.header(CSRF_HEADER);
      if (!cookie || !header || !safeEqual(cookie, header)) {
        throw new AppError(
          "csrf",
          `request refused: the ${CSRF_HEADER} header must match the closeout_csrf cookie`,
        );
      }
    }
    if (!cookie) issueCsrfCookie(c, secure);
    await next();
  };
}

/** Sets `userId` when the request carries a live session; never refuses. */
export function loadSession(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const id = readSessionCookie(c);
    if (id) {
      const userId = await findSessionUser(deps.db.kysely, id, new Date(deps.clock.now()));
      if (userId !== null) {
        c.set("userId", userId);
        c.set("log", c.get("log").child({ userId }));
      }
    }
    await next();
  };
}

export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get("userId")) throw new AppError("unauthenticated", "sign in first");
  await next();
};
