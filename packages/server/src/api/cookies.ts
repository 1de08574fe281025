// The session cookie (HttpOnly) and the CSRF cookie (readable by the web app, which echoes it in the
// X-CSRF-Token header). Both SameSite=Lax and path /. Under an https public URL both carry the `__Host-`
// prefix (Secure, path /, no Domain), so neither a sibling subdomain nor a plain-http page can plant or
// shadow them; under http the plain names are used, since browsers refuse `__Host-` without Secure.
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { csrfTokenFor } from "../auth/csrf-token.ts";
import { randomToken } from "../auth/secrets.ts";

export const SESSION_COOKIE = "closeout_session";
export const CSRF_COOKIE = "closeout_csrf";
export const CSRF_HEADER = "X-CSRF-Token";

export function isSecureUrl(publicUrl: string): boolean {
  return new URL(publicUrl).protocol === "https:";
}

const prefixOf = (secure: boolean) => (secure ? ("host" as const) : undefined);

/** The cookie's name as the browser sees it. */
export function cookieName(name: string, secure: boolean): string {
  return secure ? `__Host-${name}` : name;
}

/** Sets the session cookie and the CSRF cookie bound to that session. */
export function setSessionCookie(c: Context, id: string, expiresAt: Date, secure: boolean): void {
  setCookie(c, SESSION_COOKIE, id, {
    httpOnly: true,
    sameSite: "Lax",
    secure,
    path: "/",
    expires: expiresAt,
    prefix: prefixOf(secure),
  });
  setCsrfCookie(c, csrfTokenFor(id), secure);
}

/** Ends the session cookie; the CSRF cookie becomes a fresh signed-out one. */
export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, SESSION_COOKIE, {
    path: "/",
    secure,
    httpOnly: true,
    sameSite: "Lax",
    prefix: prefixOf(secure),
  });
  setCsrfCookie(c, randomToken(32), secure);
}

export function readSessionCookie(c: Context, secure: boolean): string | undefined {
  return getCookie(c, SESSION_COOKIE, prefixOf(secure));
}

export function setCsrfCookie(c: Context, token: string, secure: boolean): void {
  setCookie(c, CSRF_COOKIE, token, {
    httpOnly: false,
    sameSite: "Lax",
    secure,
    path: "/",
    prefix: prefixOf(secure),
  });
}

export function readCsrfCookie(c: Context, secure: boolean): string | undefined {
  return getCookie(c, CSRF_COOKIE, prefixOf(secure));
}

/** Whether the answer being built already sets the CSRF cookie (a route started or ended a session). */
export function setsCsrfCookie(c: Context, secure: boolean): boolean {
  const prefix = `${cookieName(CSRF_COOKIE, secure)}=`;
  return c.res.headers.getSetCookie().some((line) => line.startsWith(prefix));
}
