// What the service worker keeps on a shared device: the numbers a user reads offline, never /api/me or links,
// and nothing at all once any API answer is 401 (the session was ended elsewhere) or the user signs out.
// Needs CLOSEOUT_E2E_URL (global-setup.ts starts closeout with a built web app when it is unset).
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LaunchedBrowser, launchBrowser } from "./browser.ts";

const BASE = process.env.CLOSEOUT_E2E_URL?.replace(/\/$/, "");

/** Cache name → paths (with query) of the requests it holds, read in the page as the app would see them. */
function cachedPaths(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const out: Record<string, string[]> = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      out[name] = (await cache.keys()).map((r) => {
        const url = new URL(r.url);
        return url.pathname + url.search;
      });
    }
    return out;
  });
}

const apiPaths = (caches: Record<string, string[]>) =>
  Object.entries(caches)
    .filter(([name]) => !name.startsWith("closeout-shell-"))
    .flatMap(([, paths]) => paths);

/** The status of a fetch made by the page (so through its service worker); 0 when it fails. */
const pageFetch = (page: Page, path: string, init: RequestInit = {}) =>
  page.evaluate(
    ([p, i]) =>
      fetch(p, i).then(
        (r) => r.status,
        () => 0,
      ),
    [path, init] as const,
  );

describe.skipIf(!BASE)("service worker on a shared device", () => {
  let b: LaunchedBrowser;
  let page: Page;
  const email = `sw_${Date.now().toString(36)}@example.com`;
  const password = "correct horse battery staple";

  async function loadPages() {
    for (const path of ["/dashboard", "/trades", "/accounts", "/settings"]) {
      await page.goto(`${BASE}${path}`);
      await page.waitForLoadState("networkidle");
    }
  }

  async function logIn() {
    await page.goto(`${BASE}/login`);
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  }

  beforeAll(async () => {
    b = await launchBrowser();
    page = await b.context.newPage();
    await page.goto(`${BASE}/signup`);
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(/\/link/);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  });
  afterAll(async () => {
    await b?.close();
  });

  it("keeps the numbers for offline reading, never /api/me, links or auth answers", async () => {
    await loadPages();
    const kept = apiPaths(await cachedPaths(page));
    expect(
      kept.some((p) => /^\/api\/(stats|trades|accounts)/.test(p)),
      kept.join(", "),
    ).toBe(true);
    expect(kept.filter((p) => /^\/api\/(me|links|auth)(\/|\?|$)/.test(p))).toEqual([]);

    // Offline, a kept answer still reads; who is signed in does not.
    const replayable = kept.find((p) => p.startsWith("/api/"))!;
    await b.context.setOffline(true);
    try {
      expect(await pageFetch(page, replayable)).toBe(200);
      expect(await pageFetch(page, "/api/me")).toBe(0);
    } finally {
      await b.context.setOffline(false);
    }
  });

  it("drops every kept answer at the first 401 (signed out everywhere from another device)", async () => {
    expect(apiPaths(await cachedPaths(page)).length).toBeGreaterThan(0);
    const phone = await launchBrowser({ viewport: "phone" });
    try {
      const other = await phone.context.newPage();
      await other.goto(`${BASE}/login`);
      await other.getByLabel("E-mail").fill(email);
      await other.getByLabel("Password").fill(password);
      await other.getByRole("button", { name: "Log in" }).click();
      await other.waitForURL((url) => !url.pathname.startsWith("/login"));
      await other.goto(`${BASE}/settings`);
      await other.getByRole("button", { name: "Sign out everywhere" }).click();
      await other.waitForURL(/\/login/);
    } finally {
      await phone.close();
    }
    // This browser does not know yet; its next API request answers 401.
    expect(await pageFetch(page, "/api/stats")).toBe(401);
    const after = await cachedPaths(page);
    expect(apiPaths(after)).toEqual([]);
    expect(Object.keys(after).every((name) => name.startsWith("closeout-shell-"))).toBe(true);
  });

  it("drops every kept answer when the user signs out", async () => {
    await logIn();
    await loadPages();
    expect(apiPaths(await cachedPaths(page)).length).toBeGreaterThan(0);
    // The sign-out request itself, without the page's own clean-up: the service worker acts on it.
    const csrf = (await b.context.cookies(BASE!)).find((c) => c.name.endsWith("closeout_csrf"))!.value;
    expect(
      await pageFetch(page, "/api/auth/logout", { method: "POST", headers: { "X-CSRF-Token": csrf } }),
    ).toBe(204);
    expect(apiPaths(await cachedPaths(page))).toEqual([]);
    expect(await pageFetch(page, "/api/me")).toBe(401);
  });
});
