// Issue 18 items 7–10 in the browser, at phone and desktop sizes: a new user's onboarding, the trades list's
// totals and filters, a trade's page (no sideways scroll, average prices, previous/next in the filtered list,
// "Expired"), offline banners and recovery, and the small words. Also saves a screenshot of every page at both
// sizes in light and dark (artifacts/screenshots/pages/) and checks no page scrolls sideways at 390 px.
// Needs CLOSEOUT_E2E_URL and CLOSEOUT_E2E_FLEX_QUERY_IDS_DAILY (global-setup.ts sets both).
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TradeDetail, TradesPage } from "../src/api/types.ts";
import { formatCountOf, formatDecimal, formatMoney } from "../src/lib/format.ts";
import { checkAccessibility, describeViolations } from "./axe.ts";
import { type LaunchedBrowser, launchBrowser, VIEWPORTS } from "./browser.ts";

const BASE = process.env.CLOSEOUT_E2E_URL?.replace(/\/$/, "");
const TOKEN = process.env.CLOSEOUT_E2E_FLEX_TOKEN ?? "";
const DAILY_QUERIES = (process.env.CLOSEOUT_E2E_FLEX_QUERY_IDS_DAILY ?? "").split(",");
const SHOTS = "artifacts/screenshots/pages";
const PASSWORD = "correct horse battery staple";

async function expectAccessible(page: Page) {
  const violations = await checkAccessibility(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

async function expectNoSidewaysScroll(page: Page, what: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `${what}: the page is ${scrollWidth} px wide at ${innerWidth} px`).toBeLessThanOrEqual(
    innerWidth,
  ); // Nor a table inside its own scroller (a cut-off P&L column is no better than a wide page).
  const cut = await page.evaluate(
    () =>
      [...document.querySelectorAll(".table-scroll")].filter((el) => el.scrollWidth > el.clientWidth + 1)
        .length,
  );
  expect(cut, `${what}: a table is wider than its card`).toBe(0);
}

async function api<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(`${BASE}${path}`);
  expect(response.ok(), `${path} answered ${response.status()}`).toBe(true);
  return (await response.json()) as T;
}

async function apiSend(page: Page, method: "POST" | "PUT", path: string, body: unknown) {
  const csrf = (await page.context().cookies(BASE!)).find((c) => c.name.endsWith("closeout_csrf"))?.value;
  return page.request.fetch(`${BASE}${path}`, {
    method,
    data: body,
    headers: { "X-CSRF-Token": csrf ?? "", Origin: BASE! },
  });
}

async function signUp(page: Page, email: string) {
  await page.goto(`${BASE}/signup`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(/\/link/);
}

/** Links the flex-sim query through the API (the wizard has its own test) and waits for the first sync. */
async function linkAndSync(page: Page, queryId: string) {
  const linked = await apiSend(page, "POST", "/api/links", { token: TOKEN, queryId });
  expect(linked.status(), await linked.text()).toBe(201);
  for (let i = 0; i < 150; i++) {
    const { total } = await api<TradesPage>(page, "/api/trades?limit=1");
    const links = await api<{ links: { status: string }[] }>(page, "/api/links");
    if (total > 0 && links.links.every((l) => l.status === "active")) return;
    await page.waitForTimeout(1_000);
  }
  throw new Error("the first sync did not finish");
}

for (const [index, viewport] of (["phone", "desktop"] as const).entries()) {
  describe.skipIf(!BASE || DAILY_QUERIES.length < 2)(`the daily pages (${viewport})`, () => {
    let b: LaunchedBrowser;
    let page: Page;
    const email = `daily_${viewport}_${Date.now().toString(36)}@example.com`;
    const handle = `daily_${viewport}_${Date.now().toString(36)}`;
    const width = VIEWPORTS[viewport].width;

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      b = await launchBrowser({ viewport });
      page = await b.context.newPage();
      await signUp(page, email);
    });
    afterAll(async () => {
      await b?.close();
    });

    it("greets a new user with onboarding, not empty figures (dashboard and trades)", async () => {
      await page.goto(`${BASE}/dashboard`);
      await page.getByTestId("dashboard-onboarding").waitFor();
      const text = await page.locator("main").innerText();
      expect(text).toContain("No account linked yet");
      expect(text).not.toMatch(/\$0\.00|0 closed trades/);
      await page.getByRole("link", { name: "Link your IB account" }).waitFor();
      await expectNoSidewaysScroll(page, "empty dashboard");
      await expectAccessible(page);
      await page.goto(`${BASE}/trades`);
      await page.getByTestId("trades-onboarding").waitFor();
      expect(await page.locator("main").innerText()).not.toContain("No trades match these filters");
      await expectAccessible(page);
    });

    it("refuses a Query Id with letters in the form, with a clear message", async () => {
      await page.goto(`${BASE}/link?step=link`);
      await page.getByLabel("Flex token (Current Token)").fill(TOKEN);
      await page.getByLabel("Query Id").fill("x12");
      // The token is not a number: no numeric keypad for it; the Query Id is.
      expect(await page.getByLabel("Flex token (Current Token)").getAttribute("inputmode")).toBeNull();
      expect(await page.getByLabel("Query Id").getAttribute("inputmode")).toBe("numeric");
      await page.getByRole("button", { name: /Link account|Check again/ }).click();
      await page.getByText(/A Query Id is a number, digits only/).waitFor();
      expect(await page.getByLabel("Query Id").getAttribute("aria-invalid")).toBe("true");
      // Every step's name is whole in the step bar.
      const clipped = await page.locator("ol.steps button").evaluateAll(
        (buttons) =>
          buttons.filter((el) => {
            const r = el.getBoundingClientRect();
            const bar = el.closest("ol")!.getBoundingClientRect();
            return el.scrollWidth > el.clientWidth || r.right > bar.right + 0.5 || r.left < bar.left - 0.5;
          }).length,
      );
      if (viewport === "desktop") expect(clipped).toBe(0);
    });

    it("links an account; the trades list shows the filtered set's count and P&L", async () => {
      await linkAndSync(page, DAILY_QUERIES[index]!);
      await page.goto(`${BASE}/trades`);
      const total = page.getByTestId("trades-total");
      await total.waitFor();
      const all = await api<TradesPage>(page, "/api/trades?limit=1");
      expect(await total.innerText()).toContain(formatCountOf(all.total, "trade", "trades", "en-US"));
      expect(await total.innerText()).toContain(
        formatMoney(all.pnlTotal.amount, all.pnlTotal.currency, { signed: true, locale: "en-US" }),
      );
      await expectNoSidewaysScroll(page, "trades");
      await expectAccessible(page);
    });

    it("applies the symbol filter as the user types, without Enter", async () => {
      const { trades } = await api<TradesPage>(page, "/api/trades?limit=1&assetClass=STK");
      const symbol = trades[0]!.symbol;
      await page.goto(`${BASE}/trades`);
      await page.getByTestId("trades-total").waitFor();
      await page.getByLabel("Symbol", { exact: true }).pressSequentially(symbol.toLowerCase(), { delay: 40 });
      // By default the name means the underlying: the stock with its options and futures.
      await page.waitForURL((url) => url.searchParams.get("underlying") === symbol, { timeout: 10_000 });
      const filtered = await api<TradesPage>(page, `/api/trades?limit=1&underlying=${symbol}`);
      await page
        .getByTestId("trades-total")
        .getByText(formatCountOf(filtered.total, "trade", "trades", "en-US"), { exact: true })
        .waitFor();
      const shown = await page.locator("table.trade-table tbody a.symbol").allInnerTexts();
      expect(shown.length).toBeGreaterThan(0);
      expect(shown.every((s) => s === symbol || s.startsWith(`${symbol} `))).toBe(true);
      // The field keeps what was typed and its focus.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("f-symbol");
    });

    it("explains a reversed date range in words and offers to swap it", async () => {
      await page.goto(`${BASE}/trades?from=2026-06-30&to=2026-01-01`);
      const notice = page.getByTestId("reversed-range");
      await notice.waitFor();
      expect(await notice.innerText()).toMatch(/is after .*Closed until.*swap/is);
      await page.getByRole("button", { name: "Swap dates" }).click();
      await page.waitForURL((url) => url.searchParams.get("from") === "2026-01-01");
      expect(new URL(page.url()).searchParams.get("to")).toBe("2026-06-30");
    });

    it("keeps focus on the column header after a keyboard sort", async () => {
      await page.goto(`${BASE}/trades`);
      await page.getByTestId("trades-total").waitFor();
      const pnl = page.locator('table.trade-table button[data-sort="pnl"]');
      await pnl.focus();
      await page.keyboard.press("Enter");
      await page.waitForURL((url) => url.searchParams.get("sort") === "-pnl");
      await page.locator('th[aria-sort="descending"] button[data-sort="pnl"]').waitFor();
      expect(await page.evaluate(() => document.activeElement?.getAttribute("data-sort"))).toBe("pnl");
      await page.keyboard.press("Enter");
      await page.locator('th[aria-sort="ascending"] button[data-sort="pnl"]').waitFor();
      expect(await page.evaluate(() => document.activeElement?.getAttribute("data-sort"))).toBe("pnl");
    });

    it("shows years on dates outside the current year and option symbols on one line", async () => {
      const thisYear = new Date().getUTCFullYear();
      const { trades } = await api<TradesPage>(page, "/api/trades?limit=500&sort=closedAt");
      await page.goto(`${BASE}/trades?sort=closedAt`);
      await page.getByTestId("trades-total").waitFor();
      const old = trades.find((t) => !t.closedAtExchange.startsWith(String(thisYear)));
      if (old) {
        const cell = page.locator(`table.trade-table time[datetime="${old.closedAt}"]:visible`).first();
        expect(await cell.innerText()).toContain(old.closedAtExchange.slice(0, 4));
      }
      const option = page.locator("table.trade-table tbody a.symbol", { hasText: /\d{6}[CP]\d{8}/ }).first();
      if ((await option.count()) > 0) {
        const box = await option.evaluate((el) => {
          const range = document.createRange();
          range.selectNodeContents(el);
          return range.getClientRects().length;
        });
        expect(box, "an option symbol wraps onto more lines").toBe(1);
      }
    });

    it("opens a trade from a filtered list: no sideways scroll, average prices, previous/next, All trades", async () => {
      const filter = "assetClass=OPT&sort=-pnl";
      const list = await api<TradesPage>(page, `/api/trades?limit=500&${filter}`);
      expect(list.trades.length).toBeGreaterThan(2);
      await page.goto(`${BASE}/trades?${filter}`);
      await page.locator("table.trade-table tbody a.symbol").nth(1).click();
      const second = list.trades[1]!;
      await page.waitForURL((url) => url.pathname === `/trades/${encodeURIComponent(second.id)}`);
      expect(new URL(page.url()).search).toContain("assetClass=OPT");
      const detail = await api<TradeDetail>(page, `/api/trades/${encodeURIComponent(second.id)}?${filter}`);
      await page.getByTestId("avg-entry").waitFor();
      expect(await page.getByTestId("avg-entry").locator("dd").innerText()).toBe(
        formatDecimal(detail.trade.averageEntryPrice, "en-US"),
      );
      expect(await page.getByTestId("avg-exit").locator("dd").innerText()).toBe(
        formatDecimal(detail.trade.averageExitPrice, "en-US"),
      );
      await expectNoSidewaysScroll(page, "trade detail");
      await expectAccessible(page);
      // "All trades" goes back to the same filtered list.
      const back = await page.getByRole("link", { name: "← All trades" }).getAttribute("href");
      expect(back).toBe(`/trades?${filter}`);
      // Previous and next follow that list.
      expect(detail.neighbours).toMatchObject({ previous: list.trades[0]!.id, next: list.trades[2]!.id });
      await page.getByRole("link", { name: "Next" }).click();
      await page.waitForURL((url) => url.pathname === `/trades/${encodeURIComponent(list.trades[2]!.id)}`);
      await page.getByText(`3 of ${list.total}`).waitFor();
      await page.getByRole("link", { name: "Previous" }).click();
      await page.waitForURL((url) => url.pathname === `/trades/${encodeURIComponent(second.id)}`);
    });

    it("names an expired option's close 'Expired', not a sell at 0, and fits every such page on a phone", async () => {
      const { trades } = await api<TradesPage>(page, "/api/trades?limit=200&assetClass=OPT");
      let expiredSeen = 0;
      for (const t of trades.slice(0, 40)) {
        const d = await api<TradeDetail>(page, `/api/trades/${encodeURIComponent(t.id)}`);
        const expired = d.executions.filter((e) => e.notes.includes("Ep") || e.synthetic === "Expiration");
        if (expired.length === 0) continue;
        await page.goto(`${BASE}/trades/${encodeURIComponent(t.id)}`);
        await page.getByRole("heading", { level: 1 }).waitFor();
        await page.locator("table.trade-table tbody tr").first().waitFor();
        expect(await page.locator('tr[data-action="Expired"]').count()).toBe(expired.length);
        const row = await page.locator('tr[data-action="Expired"]').first().innerText();
        expect(row).toContain("Expired");
        expect(row).not.toMatch(/Sell/);
        const dot = page.locator('.timeline .exec[aria-label^="Expired"]');
        expect(await dot.count()).toBe(expired.length);
        await expectNoSidewaysScroll(page, `expired trade ${t.id}`);
        if (++expiredSeen === 3) break;
      }
      expect(expiredSeen, "the demo year has expired options").toBeGreaterThan(0);
    });

    it("writes errors as sentences: an unknown trade's page", async () => {
      await page.goto(`${BASE}/trades/no-such-trade`);
      const alert = page.getByRole("alert");
      await alert.waitFor();
      expect(await alert.innerText()).toContain("This trade was not found; it may have been removed.");
      await page.getByRole("link", { name: "← All trades" }).waitFor();
    });

    it("gives sync times their zone and the handle field no username autocomplete", async () => {
      await page.goto(`${BASE}/accounts`);
      await page.getByTestId("link-badge").waitFor();
      const lastSync = await page.locator("dl.kv dd").first().innerText();
      expect(lastSync).toMatch(/\b(UTC|GMT[+-]?\d*)\b/);
      await page.goto(`${BASE}/settings`);
      expect(await page.getByLabel("Handle").getAttribute("autocomplete")).not.toBe("username");
    });

    it("saves every page at this size in light and dark, none scrolling sideways, axe clean", async () => {
      await page.goto(`${BASE}/settings`);
      await page.getByLabel(/Percent only/).check();
      await page.getByLabel("Handle").fill(handle);
      await page.getByRole("button", { name: "Save profile" }).click();
      await page.getByText("Saved.").waitFor();
      const { trades } = await api<TradesPage>(page, "/api/trades?limit=1&assetClass=OPT");
      const pages: [string, string, string][] = [
        ["dashboard", "/dashboard", "[data-testid=stat-net-pnl]"],
        ["trades", "/trades", "[data-testid=trades-total]"],
        ["trade-detail", `/trades/${encodeURIComponent(trades[0]!.id)}`, "[data-testid=avg-entry]"],
        ["breakdowns", "/breakdowns", "ul.bars li"],
        ["accounts", "/accounts", "[data-testid=link-badge]"],
        ["settings", "/settings", "#handle"],
        ["link-intro", "/link", "ol.steps"],
        ["link-sections", "/link?step=sections", "ol.steps"],
        ["link-form", "/link?step=link", "#query-id"],
        ["public-profile", `/p/${handle}`, "[data-testid=verified]"],
        ["not-found", "/no-such-page", "h1"],
      ];
      for (const scheme of ["light", "dark"] as const) {
        const themed = await launchBrowser({ viewport, colorScheme: scheme });
        try {
          const p = await themed.context.newPage();
          for (const [name, path] of [
            ["login", "/login"],
            ["signup", "/signup"],
          ] as const) {
            await p.goto(`${BASE}${path}`);
            await p.getByLabel("E-mail").waitFor();
            await expectNoSidewaysScroll(p, `${name} (${scheme})`);
            await p.screenshot({ path: `${SHOTS}/${name}-${viewport}-${scheme}.png`, fullPage: true });
          }
          await p.goto(`${BASE}/login`);
          await p.getByLabel("E-mail").fill(email);
          await p.getByLabel("Password").fill(PASSWORD);
          await p.getByRole("button", { name: "Log in" }).click();
          await p.waitForURL((url) => !url.pathname.startsWith("/login"));
          for (const [name, path, ready] of pages) {
            await p.goto(`${BASE}${path}`);
            await p.locator(ready).first().waitFor({ timeout: 30_000 });
            await p.waitForLoadState("networkidle");
            if (viewport === "phone") expect(width).toBe(390);
            await expectNoSidewaysScroll(p, `${name} (${scheme})`);
            if (scheme === "dark") await expectAccessible(p);
            await p.screenshot({ path: `${SHOTS}/${name}-${viewport}-${scheme}.png`, fullPage: true });
          }
        } finally {
          await themed.close();
        }
      }
    });

    it.skipIf(viewport === "phone")(
      "offline: a banner with the saved time, no green Working, breakdowns open, pages recover by themselves",
      async () => {
        await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
          timeout: 30_000,
        });
        for (const path of ["/dashboard", "/trades", "/breakdowns", "/accounts"]) {
          await page.goto(`${BASE}${path}`);
          await page.waitForLoadState("networkidle");
        }
        await page.getByTestId("link-badge").getByText("Working").waitFor();
        await b.context.setOffline(true);
        try {
          // The open accounts page polls its syncs: the failure turns the badge grey, never green.
          await page.getByTestId("link-badge").getByText("Status unknown").waitFor({ timeout: 20_000 });
          expect(await page.locator(".badge.ok", { hasText: "Working" }).count()).toBe(0);

          await page.goto(`${BASE}/dashboard`);
          // First "cannot be reached" (who is signed in is never kept), then the time of the saved figures.
          const asOf = page
            .getByTestId("offline-banner")
            .getByText(/Offline, as of \w{3} \d{1,2}, \d{4}, \d{2}:\d{2} (UTC|GMT)/);
          await asOf.waitFor({ timeout: 30_000 });
          await page.locator('[data-testid="stat-net-pnl"]').waitFor();

          await page.goto(`${BASE}/breakdowns`);
          await page.locator("ul.bars li").first().waitFor({ timeout: 20_000 });
          await page.getByTestId("offline-banner").waitFor();

          // A page never loaded online: an error panel now…
          await page.goto(`${BASE}/trades?outcome=loss&sort=symbol`);
          await page.getByRole("alert").waitFor({ timeout: 30_000 });
        } finally {
          await b.context.setOffline(false);
        }
        // …that goes away by itself once closeout answers again, without "Try again".
        await page.getByTestId("trades-total").waitFor({ timeout: 30_000 });
        await page.getByTestId("offline-banner").waitFor({ state: "detached", timeout: 15_000 });
      },
    );
  });
}
