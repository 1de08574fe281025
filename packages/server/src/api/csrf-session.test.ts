// Session cookies and the CSRF token bound to the session: `__Host-` names under https, plain under http, and
// the abuse cases (another user's token, a pre-login token, a missing or forged one) refused with 403.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { DB_KINDS, dbKindEnabled, releaseTestPostgres } from "../test-support/test-database.ts";
import { createTestApp, signUp, type TestApp, TestClient } from "./api-test-support.ts";

afterAll(releaseTestPostgres);

const HTTPS = "https://closeout.test";

/** Sets a handle: a state change whose success or refusal is visible in /api/me. */
const setHandle = (client: TestClient, handle: string, headers: Record<string, string> = {}) =>
  client.request("PUT", "/api/me/profile", { publicProfile: "percent", handle }, headers);

describe.each(DB_KINDS)("session-bound CSRF on %s", (kind) => {
  let t: TestApp;
  beforeEach(async () => {
    if (dbKindEnabled(kind)) t = await createTestApp(kind);
  });
  afterEach(async () => {
    if (dbKindEnabled(kind)) await t.close();
  });
  const test = it.skipIf(!dbKindEnabled(kind));

  test("another user's CSRF token with my session cookie is refused, in the header and in the cookie", async () => {
    const me = await signUp(t);
    const other = await signUp(t);
    const theirs = other.client.csrf!;
    expect(theirs).not.toBe(me.client.csrf);
    // Header only, then header and cookie both (a planted cookie): neither matches my session.
    const headerOnly = await setHandle(me.client, "stolen-a", { "X-CSRF-Token": theirs });
    expect(headerOnly.status).toBe(403);
    expect(headerOnly.json.error.code).toBe("csrf");
    me.client.cookies.set("closeout_csrf", theirs);
    expect((await setHandle(me.client, "stolen-b", { "X-CSRF-Token": theirs })).status).toBe(403);
    expect((await me.client.get("/api/me")).json.user.handle).toBeNull();
    // The GET above hands my own token back; with it the same change goes through.
    expect(me.client.csrf).not.toBe(theirs);
    expect((await setHandle(me.client, "mine")).status).toBe(200);
    expect((await me.client.get("/api/me")).json.user.handle).toBe("mine");
  });

  test("missing or forged tokens are refused and change nothing", async () => {
    const { client } = await signUp(t);
    const missing = new TestClient(t.app, { csrf: false });
    for (const [k, v] of client.cookies) missing.cookies.set(k, v);
    expect((await setHandle(missing, "forged-a")).status).toBe(403);
    expect((await setHandle(client, "forged-b", { "X-CSRF-Token": "forged" })).status).toBe(403);
    expect((await setHandle(client, "forged-c", { "X-CSRF-Token": "" })).status).toBe(403);
    expect((await client.get("/api/me")).json.user.handle).toBeNull();
  });

  test("a token taken before sign-in is worthless after it; the login answer sets the new one", async () => {
    const { email, password } = await signUp(t);
    const browser = new TestClient(t.app);
    const before = (await browser.get("/api/auth/csrf")).json.csrfToken as string;
    expect(browser.csrf).toBe(before);
    const login = await browser.post("/api/auth/login", { email, password });
    expect(login.status).toBe(200);
    const after = browser.csrf!;
    expect(after).not.toBe(before);
    expect((await browser.get("/api/auth/csrf")).json.csrfToken).toBe(after);
    expect((await setHandle(browser, "pre-login", { "X-CSRF-Token": before })).status).toBe(403);
    expect((await setHandle(browser, "post-login")).status).toBe(200);
    // A fixated pair (attacker's pre-login cookie and header) does not survive the login either.
    browser.cookies.set("closeout_csrf", before);
    expect((await setHandle(browser, "fixated", { "X-CSRF-Token": before })).status).toBe(403);
    expect((await browser.get("/api/me")).json.user.handle).toBe("post-login");
  });

  test("logout ends the session's token too", async () => {
    const { client } = await signUp(t);
    const signedIn = client.csrf!;
    const sessionCookie = client.cookies.get("closeout_session")!;
    expect((await client.post("/api/auth/logout")).status).toBe(204);
    expect(client.csrf).not.toBe(signedIn);
    // The old session cookie and its token replayed together: the session is gone, so nothing is allowed.
    const replay = new TestClient(t.app);
    replay.cookies.set("closeout_session", sessionCookie);
    replay.cookies.set("closeout_csrf", signedIn);
    expect((await setHandle(replay, "replayed")).status).toBe(401);
  });

  test("http: plain cookie names, no Secure", async () => {
    const client = new TestClient(t.app);
    const res = await client.post("/api/auth/signup", {
      email: "plain@example.com",
      password: "a long passphrase",
    });
    expect(res.status).toBe(201);
    const lines = res.headers.getSetCookie();
    expect(lines.some((l) => l.startsWith("closeout_session="))).toBe(true);
    expect(lines.some((l) => l.startsWith("closeout_csrf="))).toBe(true);
    expect(lines.some((l) => /secure/i.test(l) || l.startsWith("__Host-"))).toBe(false);
  });

  test("https: __Host- names (Secure, Path=/, no Domain); plain names are ignored", async () => {
    const secure = await createTestApp(kind, { db: t.db, publicUrl: HTTPS });
    const client = new TestClient(secure.app, { origin: HTTPS });
    const res = await client.post("/api/auth/signup", {
      email: "secure@example.com",
      password: "a long passphrase",
    });
    expect(res.status).toBe(201);
    const lines = res.headers.getSetCookie();
    const session = lines.find((l) => l.startsWith("__Host-closeout_session="));
    const csrf = lines.filter((l) => l.startsWith("__Host-closeout_csrf=")).at(-1);
    for (const line of [session, csrf]) {
      expect(line).toBeDefined();
      expect(line).toMatch(/; Secure/);
      expect(line).toMatch(/; Path=\/(;|$)/);
      expect(line).not.toMatch(/Domain=/i);
    }
    expect(session).toMatch(/HttpOnly/);
    expect(csrf).not.toMatch(/HttpOnly/);
    expect(lines.some((l) => l.startsWith("closeout_"))).toBe(false);
    expect((await client.get("/api/me")).json.user.email).toBe("secure@example.com");
    expect((await setHandle(client, "secure-handle")).status).toBe(200);

    // The same session id under the plain name (e.g. planted over http) is not a session here.
    const planted = new TestClient(secure.app, { origin: HTTPS });
    planted.cookies.set("closeout_session", client.cookies.get("__Host-closeout_session")!);
    expect((await planted.get("/api/me")).status).toBe(401);

    const out = await client.post("/api/auth/logout");
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().some((l) => /^__Host-closeout_session=;.*Max-Age=0/.test(l))).toBe(
      true,
    );
    expect((await client.get("/api/me")).status).toBe(401);
  });
});
