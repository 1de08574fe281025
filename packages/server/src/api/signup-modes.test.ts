// Who may sign up: CLOSEOUT_SIGNUP open / invite / closed, single-use invites (also under concurrency), the
// per-address sign-up limit, and what a sign-up tells about a registered e-mail.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { authDb } from "../auth/auth-tables.ts";
import { createInvite } from "../auth/invites.ts";
import { SIGNUP_POLICY } from "../auth/login-throttle.ts";
import type { SignupMode } from "../config/serve-config.ts";
import { DB_KINDS, dbKindEnabled, releaseTestPostgres } from "../test-support/test-database.ts";
import { createTestApp, signUp, type TestApp, TestClient } from "./api-test-support.ts";

afterAll(releaseTestPostgres);

const PASSWORD = "correct horse battery";

describe.each(DB_KINDS)("sign-up modes on %s", (kind) => {
  const test = it.skipIf(!dbKindEnabled(kind));
  let t: TestApp | null = null;
  let now = Date.parse("2026-06-01T12:00:00Z");
  afterEach(async () => {
    await t?.close();
    t = null;
  });
  const start = async (signup: SignupMode, proxyHops = 0) => {
    now = Date.parse("2026-06-01T12:00:00Z");
    t = await createTestApp(kind, { signup, proxyHops, now: () => now });
    return t;
  };
  const users = async (app: TestApp) =>
    (await app.db.kysely.selectFrom("users").select("email").execute()).length;

  test("the options endpoint tells the web app the mode", async () => {
    for (const mode of ["open", "invite", "closed"] as const) {
      const app = await start(mode);
      const res = await new TestClient(app.app).get("/api/auth/options");
      expect(res.json).toEqual({ signup: mode });
      await app.close();
      t = null;
    }
  });

  test("closed: nobody signs up, with or without an invite", async () => {
    const app = await start("closed");
    const invite = await createInvite(app.db.kysely, new Date(now), 7);
    const res = await new TestClient(app.app).post("/api/auth/signup", {
      email: "new@example.com",
      password: PASSWORD,
      invite: invite.code,
    });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe("signup-closed");
    expect(await users(app)).toBe(0);
  });

  test("invite: a missing, wrong, expired or used code is refused and changes nothing", async () => {
    const app = await start("invite");
    const signup = (invite?: string, email = "new@example.com") =>
      new TestClient(app.app).post("/api/auth/signup", { email, password: PASSWORD, invite });
    const missing = await signup();
    expect(missing.status).toBe(403);
    expect(missing.json.error).toMatchObject({
      code: "invite-invalid",
      fields: { invite: "Invite is required." },
    });
    const wrong = await signup("not-a-real-invite-code");
    expect(wrong.json.error).toMatchObject({
      code: "invite-invalid",
      fields: { invite: "Invite is not a valid invite code." },
    });
    const expiring = await createInvite(app.db.kysely, new Date(now), 1);
    now += 86_400_000 + 1;
    const expired = await signup(expiring.code);
    expect(expired.json.error).toMatchObject({
      code: "invite-invalid",
      fields: { invite: "Invite has expired." },
    });
    expect(await users(app)).toBe(0);
    const good = await createInvite(app.db.kysely, new Date(now), 7);
    const ok = await signup(good.code);
    expect(ok.status).toBe(201);
    const used = await signup(good.code, "second@example.com");
    expect(used.json.error).toMatchObject({
      code: "invite-invalid",
      fields: { invite: "Invite has already been used." },
    });
    expect(await users(app)).toBe(1);
    // Only a hash of the code is stored, and the row names who used it.
    const rows = await authDb(app.db.kysely).selectFrom("invites").selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(good.code);
    const row = rows.find((r) => r.used_at !== null)!;
    expect(row.used_by).toBe(ok.json.user.id);
  });

  test("invite: parallel sign-ups with one code create exactly one user", async () => {
    const app = await start("invite");
    const invite = await createInvite(app.db.kysely, new Date(now), 7);
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        new TestClient(app.app).post("/api/auth/signup", {
          email: `racer${i}@example.com`,
          password: PASSWORD,
          invite: invite.code,
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 201).length).toBe(1);
    expect(answers.filter((a) => a.status === 403).length).toBe(5);
    expect(await users(app)).toBe(1);
  });

  test("invite: a registered e-mail answers like a wrong login and leaves the invite unused", async () => {
    const app = await start("invite");
    const first = await createInvite(app.db.kysely, new Date(now), 7);
    const owner = new TestClient(app.app);
    expect(
      (
        await owner.post("/api/auth/signup", {
          email: "taken@example.com",
          password: PASSWORD,
          invite: first.code,
        })
      ).status,
    ).toBe(201);
    const invite = await createInvite(app.db.kysely, new Date(now), 7);
    const probe = await new TestClient(app.app).post("/api/auth/signup", {
      email: "taken@example.com",
      password: "someone else's guess",
      invite: invite.code,
    });
    const login = await new TestClient(app.app).post("/api/auth/login", {
      email: "nobody@example.com",
      password: "x",
    });
    expect(probe.status).toBe(401);
    expect(probe.json).toEqual(login.json);
    const later = await new TestClient(app.app).post("/api/auth/signup", {
      email: "fresh@example.com",
      password: PASSWORD,
      invite: invite.code,
    });
    expect(later.status).toBe(201);
  });

  test("a registered e-mail's sign-up counts as a password guess on the account", async () => {
    const app = await start("open");
    const { email } = await signUp(app, "guarded@example.com");
    for (let i = 0; i < 3; i++) {
      const res = await new TestClient(app.app).post("/api/auth/signup", {
        email,
        password: `guess number ${i}`,
      });
      expect(res.status).toBe(401);
    }
    const locked = await new TestClient(app.app).post("/api/auth/login", { email, password: PASSWORD });
    expect(locked.status).toBe(429);
  });

  test("sign-ups are limited per client address", async () => {
    const app = await start("open", 1);
    const from = (address: string, i: number) =>
      new TestClient(app.app).post(
        "/api/auth/signup",
        { email: `u${address}-${i}@example.com`, password: PASSWORD },
        { "X-Forwarded-For": address },
      );
    for (let i = 0; i < SIGNUP_POLICY.free; i++) expect((await from("203.0.113.5", i)).status).toBe(201);
    const refused = await from("203.0.113.5", 99);
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe("too-many-attempts");
    expect(refused.headers.get("Retry-After")).toBe("1");
    expect((await from("203.0.113.6", 0)).status).toBe(201);
    expect(await users(app)).toBe(SIGNUP_POLICY.free + 1);
  });
});
