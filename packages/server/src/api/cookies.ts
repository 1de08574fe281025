// The session cookie (HttpOnly) and the CSRF cookie (readable by the web app, which echoes it in the
// X-CSRF-Token header). Both SameSite=Lax, path /, Secure when the public URL is https.
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { randomToken } from "../auth/secrets.ts";

export const SESSION_COOKIE = "closeout_session";
export const CSRF_COOKIE = "closeout_csrf";
export const CSRF_HEADER = "X-CSRF-Token";

export function isSecureUrl(publicUrl: string): boolean {
  return new URL(publicUrl).protocol === "https:";
}

export function setSessionCookie(c: Context, id: string, expiresAt: Date, secure: boolean): void {
  setCookie(c, SESSION_COOKIE, id, {
    httpOnly: true,
    sameSite: "Lax",
    secure,
    path: "/",
    expires: expiresAt,
  });
}

export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure, httpOnly: true, sameSite: "Lax" });
}

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

/** Sets a fresh CSRF cookie and returns its value. */
export function issueCsrfCookie(c: Context, secure: boolean): string {
  const token = randomToken(32);
  setCookie(c, CSRF_COOKIE, token, { httpOnly: false, sameSite: "Lax", secure, path: "/" });
  return token;
}

export function readCsrfCookie(c: Context): string | undefined {
  return getCookie(c, CSRF_COOKIE);
}
