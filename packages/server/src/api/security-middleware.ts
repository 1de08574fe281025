// Request-level protections: session lookup, CSRF (a per-session token + Origin check) on every
// state-changing /api request, and the "signed in" guard.
// CSRF: with a live session the X-CSRF-Token header must equal the token derived from that session
// (auth/csrf-token.ts): a token of another session, or one from before sign-in, is refused. Without a session
// (sign-up, login) it must equal the CSRF cookie (double submit). Any answer whose request did not carry the
// right CSRF cookie sets it, so the web app always has the value to echo.
import type { MiddlewareHandler } from "hono";
import { AppError } from "../app-error.ts";
import { csrfTokenFor } from "../auth/csrf-token.ts";
import { randomToken, safeEqual } from "../auth/secrets.ts";
import { findSessionUser } from "../auth/sessions.ts";
import type { AppDeps, AppEnv } from "./app-env.ts";
import {
  CSRF_HEADER,
  isSecureUrl,
  readCsrfCookie,
  readSessionCookie,
  setCsrfCookie,
  setsCsrfCookie,
} from "./cookies.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Runs after loadSession, which names the live session. */
export function csrfProtection(deps: AppDeps): MiddlewareHandler<AppEnv> {
  const allowedOrigin = new URL(deps.publicUrl).origin;
  const secure = isSecureUrl(deps.publicUrl);
  return async (c, next) => {
    const cookie = readCsrfCookie(c, secure);
    const sessionId = c.get("sessionId");
    const expected = sessionId ? csrfTokenFor(sessionId) : cookie;
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header("Origin");
      if (origin !== undefined && origin !== allowedOrigin) {
        throw new AppError("csrf", "request refused: it comes from another site");
      }
      const header = c.req.header(CSRF_HEADER);
      if (!expected || !header || !safeEqual(expected, header)) {
        throw new AppError(
          "csrf",
          `request refused: the ${CSRF_HEADER} header must be this session's CSRF token (GET /api/auth/csrf)`,
        );
      }
    }
    const token = expected ?? randomToken(32);
    c.set("csrfToken", token);
    await next();
    if (cookie !== token && !setsCsrfCookie(c, secure)) setCsrfCookie(c, token, secure);
  };
}

/** Sets `userId` (and `sessionId`) when the request carries a live session; never refuses. */
export function loadSession(deps: AppDeps): MiddlewareHandler<AppEnv> {
  const secure = isSecureUrl(deps.publicUrl);
  return async (c, next) => {
    const id = readSessionCookie(c, secure);
    if (id) {
      const userId = await findSessionUser(deps.db.kysely, id, new Date(deps.clock.now()));
      if (userId !== null) {
        c.set("userId", userId);
        c.set("sessionId", id);
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
