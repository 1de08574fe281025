// Password guessing over real HTTP on loopback (the app served on port 0): parallel guesses for one account
// from rotating X-Forwarded-For addresses, the per-address limit, which X-Forwarded-For entry the proxy hop
// count trusts, and the current-password checks. The clock is fixed, so every count below is exact.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { ACCOUNT_POLICY, ADDRESS_POLICY } from "../auth/login-throttle.ts";
import { DB_KINDS, dbKindEnabled, releaseTestPostgres } from "../test-support/test-database.ts";
import { createTestApp, type TestApp } from "./api-test-support.ts";

afterAll(releaseTestPostgres);

const PASSWORD = "correct horse battery";

interface Served {
  readonly t: TestApp;
  readonly url: string;
  readonly csrf: string;
  close(): Promise<void>;
}

async function serveOnLoopback(t: TestApp): Promise<Served> {
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" }, () =>
      resolve(s as Server),
    ) as Server;
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const res = await fetch(`${url}/api/auth/csrf`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    t,
    url,
    csrf: csrfToken,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }).then(() => t.close()),
  };
}

async function post(s: Served, path: string, body: unknown, forwardedFor?: string, cookie = "") {
  const res = await fetch(`${s.url}${path}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Cookie: `closeout_csrf=${s.csrf}${cookie}`,
      "X-CSRF-Token": s.csrf,
      ...(forwardedFor ? { "X-Forwarded-For": forwardedFor } : {}),
    },
    body: JSON.stringify(body),
  });
  const json = (await res.json().catch(() => null)) as { error?: { code: string } } | null;
  return { status: res.status, retryAfter: res.headers.get("Retry-After"), json, headers: res.headers };
}

const statuses = (answers: { status: number }[]) => {
  const counts: Record<number, number> = {};
  for (const a of answers) counts[a.status] = (counts[a.status] ?? 0) + 1;
  return counts;
};

describe.each(DB_KINDS)("login limits over HTTP on %s", (kind) => {
  const test = it.skipIf(!dbKindEnabled(kind));
  let s: Served | null = null;
  afterEach(async () => {
    await s?.close();
    s = null;
  });
  const start = async (proxyHops: number) => {
    const now = Date.parse("2026-06-01T12:00:00Z");
    s = await serveOnLoopback(await createTestApp(kind, { proxyHops, now: () => now }));
    return s;
  };
  const signUp = async (served: Served, email: string) => {
    const res = await post(served, "/api/auth/signup", { email, password: PASSWORD }, "192.0.2.200");
    expect(res.status).toBe(201);
    return res.headers
      .getSetCookie()
      .find((c) => c.startsWith("closeout_session="))!
      .split(";")[0]!;
  };

  test("60 parallel wrong passwords for one account, each from a new X-Forwarded-For: at most 10 get through", async () => {
    const served = await start(1);
    await signUp(served, "victim@example.com");
    const guesses = Array.from({ length: 60 }, (_, i) =>
      post(
        served,
        "/api/auth/login",
        { email: "victim@example.com", password: `guess ${i}` },
        `198.51.100.${i}`,
      ),
    );
    const answers = await Promise.all(guesses);
    const counts = statuses(answers);
    expect(counts[401]).toBe(ACCOUNT_POLICY.free);
    expect(counts[429]).toBe(60 - ACCOUNT_POLICY.free);
    expect(60 - (counts[429] ?? 0)).toBeLessThanOrEqual(10);
    const refused = answers.find((a) => a.status === 429)!;
    expect(refused.json?.error?.code).toBe("too-many-attempts");
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    // The right password is refused too while the account is locked, from any address.
    const owner = await post(
      served,
      "/api/auth/login",
      { email: "victim@example.com", password: PASSWORD },
      "192.0.2.1",
    );
    expect(owner.status).toBe(429);
  });

  test("an unregistered e-mail is limited exactly like a registered one", async () => {
    const served = await start(1);
    await signUp(served, "real@example.com");
    const burst = (email: string) =>
      Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          post(served, "/api/auth/login", { email, password: `guess ${i}` }, `198.51.100.${i}`),
        ),
      );
    expect(statuses(await burst("real@example.com"))).toEqual(statuses(await burst("ghost@example.com")));
  });

  test("one address guessing many accounts is refused after the address's free attempts", async () => {
    const served = await start(1);
    const n = ADDRESS_POLICY.free + 10;
    const answers = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        // Each guess names another account and prepends another address; the proxy's entry stays the same.
        post(
          served,
          "/api/auth/login",
          { email: `user${i}@example.com`, password: "guess" },
          `10.9.${i}.1, 203.0.113.7`,
        ),
      ),
    );
    expect(statuses(answers)).toEqual({ 401: ADDRESS_POLICY.free, 429: 10 });
    // Another address is not affected.
    const other = await post(
      served,
      "/api/auth/login",
      { email: "x@example.com", password: "guess" },
      "203.0.113.8",
    );
    expect(other.status).toBe(401);
  });

  test("a right password gives the address its slot back, so a shared address is not locked by successes", async () => {
    const served = await start(1);
    await signUp(served, "shared@example.com");
    for (let i = 0; i < ADDRESS_POLICY.free + 5; i++) {
      const ok = await post(
        served,
        "/api/auth/login",
        { email: "shared@example.com", password: PASSWORD },
        "203.0.113.9",
      );
      expect(ok.status).toBe(200);
    }
  });

  test("two proxy hops trust the second entry from the right; rotating the others changes nothing", async () => {
    const served = await start(2);
    const n = ADDRESS_POLICY.free + 5;
    const spoofed = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        post(
          served,
          "/api/auth/login",
          { email: `a${i}@example.com`, password: "guess" },
          `10.1.${i}.1, 203.0.113.20, 10.0.0.${i}`,
        ),
      ),
    );
    expect(statuses(spoofed)).toEqual({ 401: ADDRESS_POLICY.free, 429: 5 });
    // Different clients behind the same two proxies each have their own budget.
    const clients = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        post(
          served,
          "/api/auth/login",
          { email: `b${i}@example.com`, password: "guess" },
          `203.0.113.20, 198.18.0.${i}, 10.0.0.1`,
        ),
      ),
    );
    expect(statuses(clients)).toEqual({ 401: n });
  });

  test("without proxy hops X-Forwarded-For is ignored: every guess is the socket's address", async () => {
    const served = await start(0);
    const n = ADDRESS_POLICY.free + 5;
    const answers = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        post(served, "/api/auth/login", { email: `c${i}@example.com`, password: "guess" }, `198.18.1.${i}`),
      ),
    );
    expect(statuses(answers)).toEqual({ 401: ADDRESS_POLICY.free, 429: 5 });
  });

  test("current-password checks share the account's limit, also with a stolen session and rotating addresses", async () => {
    const served = await start(1);
    const session = `; ${await signUp(served, "owner@example.com")}`;
    // The CSRF token is bound to the session: a signed-in client echoes the session's own token.
    const bound = await fetch(`${served.url}/api/auth/csrf`, { headers: { Cookie: session.slice(2) } });
    const signedIn = { ...served, csrf: ((await bound.json()) as { csrfToken: string }).csrfToken };
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        post(
          signedIn,
          "/api/me/password",
          { currentPassword: `guess ${i}`, newPassword: "a new passphrase" },
          `198.51.100.${i}`,
          session,
        ),
      ),
    );
    expect(statuses(answers)).toEqual({ 401: ACCOUNT_POLICY.free, 429: 10 - ACCOUNT_POLICY.free });
    // Account deletion and login are locked as well, even with the right password.
    const del = await fetch(`${served.url}/api/me`, {
      method: "DELETE",
      headers: {
        "Content-Type": "application/json",
        Cookie: `closeout_csrf=${signedIn.csrf}${session}`,
        "X-CSRF-Token": signedIn.csrf,
      },
      body: JSON.stringify({ password: PASSWORD }),
    });
    expect(del.status).toBe(429);
    const login = await post(
      served,
      "/api/auth/login",
      { email: "owner@example.com", password: PASSWORD },
      "192.0.2.9",
    );
    expect(login.status).toBe(429);
    const users = await served.t.db.kysely.selectFrom("users").select("id").execute();
    expect(users.length).toBe(1);
  });
});
