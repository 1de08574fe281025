import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSession, deleteExpiredSessions, SESSION_TTL_MS } from "../auth/sessions.ts";
import { DB_KINDS, dbKindEnabled, releaseTestPostgres } from "../test-support/test-database.ts";
import { createTestApp, signUp, type TestApp, TestClient } from "./api-test-support.ts";

afterAll(releaseTestPostgres);

describe.each(DB_KINDS)("auth on %s", (kind) => {
  let t: TestApp;
  beforeEach(async () => {
    if (dbKindEnabled(kind)) t = await createTestApp(kind);
  });
  afterEach(async () => {
    if (dbKindEnabled(kind)) await t.close();
  });
  const test = it.skipIf(!dbKindEnabled(kind));

  test("sign-up starts a session with an HttpOnly, SameSite=Lax cookie; me answers; logout ends it", async () => {
    const client = new TestClient(t.app);
    const res = await client.post("/api/auth/signup", {
      email: "Ann@Example.com",
      password: "a long passphrase",
    });
    expect(res.status).toBe(201);
    expect(res.json.user).toMatchObject({ email: "ann@example.com", handle: null, publicProfile: "off" });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("closeout_session="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    expect((await client.get("/api/me")).json.user.email).toBe("ann@example.com");
    expect((await client.post("/api/auth/logout")).status).toBe(204);
    expect((await client.get("/api/me")).status).toBe(401);
  });

  test("the stored session id is a hash, not the cookie value", async () => {
    const { client } = await signUp(t);
    const id = client.cookies.get("closeout_session")!;
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await t.db.kysely
      .withTables<{ sessions: { id_hash: string } }>()
      .selectFrom("sessions")
      .select("id_hash")
      .execute();
    expect(rows.length).toBe(1);
    expect(rows[0]!.id_hash).not.toBe(id);
    expect(rows[0]!.id_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  test("login rotates the session id and the old one stops working", async () => {
    const { client, email, password } = await signUp(t);
    const before = client.cookies.get("closeout_session")!;
    const stolen = new TestClient(t.app);
    stolen.cookies.set("closeout_session", before);
    expect((await stolen.get("/api/me")).status).toBe(200);
    const res = await client.post("/api/auth/login", { email, password });
    expect(res.status).toBe(200);
    expect(client.cookies.get("closeout_session")).not.toBe(before);
    expect((await stolen.get("/api/me")).status).toBe(401);
    expect((await client.get("/api/me")).status).toBe(200);
  });

  test("sign out everywhere ends every session of the user, and only theirs", async () => {
    const { client, email, password } = await signUp(t);
    const phone = new TestClient(t.app);
    expect((await phone.post("/api/auth/login", { email, password })).status).toBe(200);
    const someoneElse = await signUp(t);
    const res = await client.post("/api/me/sessions/revoke");
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie().some((c) => c.startsWith("closeout_session=;"))).toBe(true);
    expect((await client.get("/api/me")).status).toBe(401);
    expect((await phone.get("/api/me")).status).toBe(401);
    expect((await someoneElse.client.get("/api/me")).status).toBe(200);
    expect((await new TestClient(t.app).post("/api/me/sessions/revoke")).status).toBe(401);
  });

  test("the sweep deletes expired sessions and keeps live ones", async () => {
    const { user } = await signUp(t);
    const live = await createSession(t.db.kysely, user.id, new Date(), "live");
    await createSession(t.db.kysely, user.id, new Date(Date.now() - SESSION_TTL_MS - 1_000), "expired");
    expect(await deleteExpiredSessions(t.db.kysely, new Date())).toBe(1);
    const left = await t.db.kysely
      .withTables<{ sessions: { user_agent: string | null } }>()
      .selectFrom("sessions")
      .select("user_agent")
      .execute();
    expect(left.map((r) => r.user_agent).sort()).toEqual(["live", null].sort());
    expect(live.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  test("a registered e-mail: sign-up signs its owner in, and tells anyone else only what login does", async () => {
    const { email, password, user } = await signUp(t);
    const other = new TestClient(t.app);
    const taken = await other.post("/api/auth/signup", { email, password: "another passphrase" });
    const wrongLogin = await new TestClient(t.app).post("/api/auth/login", {
      email,
      password: "another one!",
    });
    expect(taken.status).toBe(401);
    expect(taken.json).toEqual(wrongLogin.json);
    expect(other.cookies.has("closeout_session")).toBe(false);
    const owner = new TestClient(t.app);
    const again = await owner.post("/api/auth/signup", { email: email.toUpperCase(), password });
    expect(again.status).toBe(200);
    expect(again.json.user.id).toBe(user.id);
    expect((await owner.get("/api/me")).json.user.id).toBe(user.id);
    const users = await t.db.kysely.selectFrom("users").select("id").execute();
    expect(users.length).toBe(1);
  });

  test("validation errors name each field, never echo the password", async () => {
    const res = await new TestClient(t.app).post("/api/auth/signup", {
      email: "not-an-email",
      password: "short",
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("validation");
    expect(res.json.error.fields).toEqual({
      email: "Email must be an email address.",
      password: "Password must have at least 10 characters.",
    });
    // The message is the field sentences, ready to show as they are.
    expect(res.json.error.message).toBe(
      "Email must be an email address. Password must have at least 10 characters.",
    );
    expect(res.text).not.toContain("short");
    const missing = await new TestClient(t.app).post("/api/auth/signup", {});
    expect(Object.keys(missing.json.error.fields).sort()).toEqual(["email", "password"]);
    const broken = await new TestClient(t.app).post("/api/auth/login", "{not json", {
      "Content-Type": "application/json",
    });
    expect(broken.status).toBe(400);
    expect(broken.json.error.code).toBe("validation");
  });

  test("CSRF: state-changing requests without the header, with a wrong one, or from another origin → 403", async () => {
    const { client, email, password } = await signUp(t);
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const attempts = [
      { Cookie: cookie, "Content-Type": "application/json" },
      { Cookie: cookie, "Content-Type": "application/json", "X-CSRF-Token": "forged" },
      {
        Cookie: cookie,
        "Content-Type": "application/json",
        "X-CSRF-Token": client.cookies.get("closeout_csrf")!,
        Origin: "https://evil.example",
      },
    ];
    for (const headers of attempts) {
      const res = await t.app.request("/api/me/password", {
        method: "POST",
        headers,
        body: JSON.stringify({ currentPassword: password, newPassword: "evil passphrase!" }),
      });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("csrf");
    }
    // Login itself is protected too (login CSRF).
    const noCsrf = new TestClient(t.app, { csrf: false });
    expect((await noCsrf.post("/api/auth/login", { email, password })).status).toBe(403);
    // No Origin header (some same-origin requests) is allowed when the double submit matches.
    const noOrigin = new TestClient(t.app, { origin: null });
    expect((await noOrigin.post("/api/auth/login", { email, password })).status).toBe(200);
  });

  test("login throttling: free tries, then 429 with Retry-After, growing; stored in the database", async () => {
    let now = Date.parse("2026-01-05T12:00:00Z");
    await t.close();
    t = await createTestApp(kind, { now: () => now });
    const { email, password } = await signUp(t);
    const client = new TestClient(t.app);
    for (let i = 0; i < 3; i++) {
      expect((await client.post("/api/auth/login", { email, password: "wrong password" })).status).toBe(401);
    }
    const locked = await client.post("/api/auth/login", { email, password });
    expect(locked.status).toBe(429);
    expect(locked.json.error.code).toBe("too-many-attempts");
    expect(locked.headers.get("Retry-After")).toBe("1");
    now += 1_500;
    expect((await client.post("/api/auth/login", { email, password: "wrong again!" })).status).toBe(401);
    const longer = await client.post("/api/auth/login", { email, password });
    expect(longer.status).toBe(429);
    expect(longer.headers.get("Retry-After")).toBe("2");
    // Another process reading the same database sees the lock.
    const other = new TestClient((await createTestApp(kind, { db: t.db, now: () => now })).app);
    expect((await other.post("/api/auth/login", { email, password })).status).toBe(429);
    now += 3_000;
    expect((await client.post("/api/auth/login", { email, password })).status).toBe(200);
    // Success clears the count.
    expect((await client.post("/api/auth/login", { email, password: "wrong once more" })).status).toBe(401);
    expect((await client.post("/api/auth/login", { email, password })).status).toBe(200);
  });

  test("change password ends other sessions and needs the current password", async () => {
    const { client, email, password } = await signUp(t);
    const second = new TestClient(t.app);
    expect((await second.post("/api/auth/login", { email, password })).status).toBe(200);
    const wrong = await client.post("/api/me/password", {
      currentPassword: "nope nope nope",
      newPassword: "x".repeat(12),
    });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.fields).toEqual({ currentPassword: "Current password is wrong." });
    const ok = await client.post("/api/me/password", {
      currentPassword: password,
      newPassword: "a brand new passphrase",
    });
    expect(ok.status).toBe(204);
    expect((await client.get("/api/me")).status).toBe(200);
    expect((await second.get("/api/me")).status).toBe(401);
    expect((await second.post("/api/auth/login", { email, password: "a brand new passphrase" })).status).toBe(
      200,
    );
  });

  test("public profile settings: handle required, unique, mapped off/percent/full", async () => {
    const a = await signUp(t);
    const b = await signUp(t);
    const missing = await a.client.put("/api/me/profile", { publicProfile: "percent" });
    expect(missing.status).toBe(400);
    expect(missing.json.error.fields).toEqual({ handle: "Handle is required for a public profile." });
    const ok = await a.client.put("/api/me/profile", { publicProfile: "full", handle: "Trader_Ann" });
    expect(ok.json.user).toMatchObject({ handle: "trader_ann", publicProfile: "full" });
    const taken = await b.client.put("/api/me/profile", { publicProfile: "percent", handle: "trader_ann" });
    expect(taken.status).toBe(409);
    expect(taken.json.error.code).toBe("handle-taken");
    expect(taken.json.error.message).toBe("This handle is taken by someone else; choose another one.");
    expect(taken.json.error.fields).toEqual({
      handle: "Handle is taken by someone else; choose another one.",
    });
  });

  test("security headers and request ids on every answer; /healthz, /readyz, /metrics", async () => {
    const res = await t.app.request("/healthz");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Security-Policy")).toContain("default-src 'self'");
    expect(res.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("X-Request-Id")).toBeTruthy();
    expect((await t.app.request("/readyz")).status).toBe(200);
    // No metrics token configured: /metrics is off (its answers are in ops-routes.test.ts).
    expect((await t.app.request("/metrics")).status).toBe(404);
    const line = t.logs.map((l) => JSON.parse(l)).find((l) => l.msg === "request" && l.route === "/readyz");
    expect(line).toMatchObject({ level: "info", status: 200, method: "GET" });
    expect(line.requestId).toBeTruthy();
  });

  test("body size limit → 413", async () => {
    const { client } = await signUp(t);
    const res = await client.post("/api/auth/login", { email: "a@b.co", password: "x".repeat(100_000) });
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe("payload-too-large");
  });

  test("delete account removes the user and every session; needs the password", async () => {
    const { client, email, password, user } = await signUp(t);
    expect((await client.delete("/api/me", { password: "wrong password" })).status).toBe(401);
    expect((await client.delete("/api/me", { password })).status).toBe(204);
    expect((await client.get("/api/me")).status).toBe(401);
    const left = await t.db.kysely.selectFrom("users").select("id").where("id", "=", user.id).execute();
    expect(left).toEqual([]);
    expect((await new TestClient(t.app).post("/api/auth/login", { email, password })).status).toBe(401);
  });
});
