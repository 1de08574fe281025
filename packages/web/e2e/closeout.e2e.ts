// End-to-end journey through the real app, at phone and desktop sizes:
// sign up → link wizard (a query missing a section, an expired token, then a good pair) → first sync →
// dashboard figures equal the API's → breakdowns list the underlyings → trade detail → public profile shows no amounts; axe on every screen.
//
// Needs a running closeout wired to flex-sim. Environment:
//   CLOSEOUT_E2E_URL                      base URL of the app (the suite is skipped when unset)
//   CLOSEOUT_E2E_FLEX_TOKEN               a flex-sim token that works
//   CLOSEOUT_E2E_FLEX_QUERY_ID            a flex-sim query with every section (phone run)
//   CLOSEOUT_E2E_FLEX_QUERY_ID_2          another complete query, of another IB account (desktop run: an IB
//                                         account belongs to one closeout user)
//   CLOSEOUT_E2E_FLEX_QUERY_ID_MISSING    a flex-sim query that omits a section (e.g. OptionEAE)
//   CLOSEOUT_E2E_FLEX_TOKEN_EXPIRED       a flex-sim token configured as expired (IB error 1012)
// Screenshots go to artifacts/screenshots/e2e/ (relative to the working directory).
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BreakdownPage, StatsAnswer, TradeDetail, TradesPage } from "../src/api/types.ts";
import { formatCount, formatMoney, formatPercent } from "../src/lib/format.ts";
import { describeSymbol } from "../src/lib/symbol-words.ts";
import { checkAccessibility, describeViolations } from "./axe.ts";
import { type LaunchedBrowser, launchBrowser, type ViewportName } from "./browser.ts";

const BASE = process.env.CLOSEOUT_E2E_URL?.replace(/\/$/, "");
const TOKEN = process.env.CLOSEOUT_E2E_FLEX_TOKEN ?? "";
const QUERY_IDS = {
  phone: process.env.CLOSEOUT_E2E_FLEX_QUERY_ID ?? "",
  desktop: process.env.CLOSEOUT_E2E_FLEX_QUERY_ID_2 ?? process.env.CLOSEOUT_E2E_FLEX_QUERY_ID ?? "",
};
const QUERY_ID_MISSING = process.env.CLOSEOUT_E2E_FLEX_QUERY_ID_MISSING ?? "";
const TOKEN_EXPIRED = process.env.CLOSEOUT_E2E_FLEX_TOKEN_EXPIRED ?? "";
const SHOTS = "artifacts/screenshots/e2e";
const LOCALE = "en-US";

async function shot(page: Page, viewport: ViewportName, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}-${viewport}.png`, fullPage: true });
}

async function expectAccessible(page: Page) {
  const violations = await checkAccessibility(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

async function api<T>(page: Page, path: string): Promise<T> {
  // page.request shares the browser context's cookies, so this is the signed-in user's view.
  const response = await page.request.get(`${BASE}${path}`);
  expect(response.ok(), `${path} answered ${response.status()}`).toBe(true);
  return (await response.json()) as T;
}

const statText = (page: Page, id: string) => page.locator(`[data-testid="${id}"] dd`).first().innerText();

for (const viewport of ["phone", "desktop"] as const) {
  describe.skipIf(!BASE)(`closeout journey (${viewport})`, () => {
    let b: LaunchedBrowser;
    let page: Page;
    const handle = `e2e_${viewport}_${Date.now().toString(36)}`;
    const email = `${handle}@example.com`;
    const password = "correct horse battery staple";

    beforeAll(async () => {
      mkdirSync(SHOTS, { recursive: true });
      b = await launchBrowser({ viewport });
      page = await b.context.newPage();
    });
    afterAll(async () => {
      await b?.close();
    });

    it("signs up", async () => {
      await page.goto(`${BASE}/signup`);
      await page.getByLabel("E-mail").fill(email);
      await page.getByLabel("Password").fill(password);
      await expectAccessible(page);
      await shot(page, viewport, "01-signup");
      await page.getByRole("button", { name: "Create account" }).click();
      await page.waitForURL(/\/link/);
    });

    it("walks the link wizard's IB steps", async () => {
      await page.getByText(/cannot place trades, move money/).waitFor();
      await expectAccessible(page);
      await shot(page, viewport, "02-link-intro");
      for (const step of ["query", "sections", "delivery", "query-id", "token"]) {
        await page.getByRole("button", { name: /^(Start|Next)$/ }).click();
        await page.waitForURL(new RegExp(`step=${step}`));
        await expectAccessible(page);
        await shot(page, viewport, `03-link-${step}`);
      }
      await page.getByRole("button", { name: "Next" }).click();
      await page.waitForURL(/step=link/);
    });

    it("names the missing section of an incomplete query by IB's screen name", async () => {
      await page.getByLabel("Flex token (Current Token)").fill(TOKEN);
      await page.getByLabel("Query Id").fill(QUERY_ID_MISSING);
      await page.getByRole("button", { name: /Link account|Check again/ }).click();
      const problem = page.locator('[data-problem="missing-section"]').first();
      await problem.waitFor({ timeout: 60_000 });
      expect(await problem.innerText()).toMatch(/Section missing: /);
      await expectAccessible(page);
      await shot(page, viewport, "04-link-missing-section");
    });

    it("explains an expired token", async () => {
      await page.getByLabel("Flex token (Current Token)").fill(TOKEN_EXPIRED);
      await page.getByLabel("Query Id").fill(QUERY_IDS[viewport]);
      await page.getByRole("button", { name: /Link account|Check again/ }).click();
      await page.locator('[data-problem="token-expired"]').waitFor({ timeout: 60_000 });
      await shot(page, viewport, "05-link-token-expired");
    });

    it("links a complete query and follows the first sync to the end", async () => {
      await page.getByLabel("Flex token (Current Token)").fill(TOKEN);
      await page.getByLabel("Query Id").fill(QUERY_IDS[viewport]);
      await page.getByRole("button", { name: /Link account|Check again/ }).click();
      await page.getByText("Accounts found").waitFor({ timeout: 60_000 });
      await page
        .locator('[data-testid="sync-status"][data-status="succeeded"]')
        .waitFor({ timeout: 150_000 });
      await expectAccessible(page);
      await shot(page, viewport, "06-first-sync");
    });

    it("shows the API's numbers on the dashboard", async () => {
      await page.goto(`${BASE}/dashboard`);
      await page.locator('[data-testid="stat-net-pnl"]').waitFor();
      const { summary } = await api<StatsAnswer>(page, "/api/stats");
      const cur = summary.baseCurrency;
      expect(await statText(page, "stat-net-pnl")).toContain(
        formatMoney(summary.netPnlBase, cur, { signed: true, locale: LOCALE }),
      );
      expect(await statText(page, "stat-trades")).toContain(formatCount(summary.trades, LOCALE));
      expect(await statText(page, "stat-win-rate")).toContain(
        formatPercent(summary.winRate, { locale: LOCALE }),
      );
      expect(await statText(page, "stat-max-drawdown")).toContain(
        formatMoney(summary.maxDrawdownBase, cur, { locale: LOCALE }),
      );
      expect(await statText(page, "stat-expectancy")).toContain(
        formatMoney(summary.expectancyBase, cur, { signed: true, locale: LOCALE }),
      );
      await page.locator('[data-testid="equity-chart"] .uplot').waitFor();
      await expectAccessible(page);
      await shot(page, viewport, "07-dashboard");
    });

    it("lists the underlyings on the breakdowns page, a page of the API's at a time", async () => {
      const asked = page.waitForRequest((r) => r.url().includes("/api/breakdowns/underlying"));
      await page.goto(`${BASE}/breakdowns?by=underlying`);
      await asked;
      await page.locator("ul.bars li").first().waitFor();
      const first = await api<BreakdownPage>(page, "/api/breakdowns/underlying?sort=-pnl&limit=50");
      const light = await api<StatsAnswer>(page, "/api/stats");
      expect(String(first.total)).toBe(light.byUnderlyingTotal);
      expect(await page.locator("ul.bars > li").count()).toBe(first.rows.length);
      await expectAccessible(page);
    });

    it("opens a trade with its executions", async () => {
      const { trades } = await api<TradesPage>(page, "/api/trades?limit=1");
      const first = trades[0];
      expect(first, "the linked account has closed trades").toBeDefined();
      const detail = await api<TradeDetail>(page, `/api/trades/${encodeURIComponent(first!.id)}`);
      await page.goto(`${BASE}/trades`);
      await page.locator("table.trade-table a").first().waitFor();
      await shot(page, viewport, "08-trades");
      await page.goto(`${BASE}/trades/${encodeURIComponent(first!.id)}`);
      await page.getByRole("heading", { level: 1 }).waitFor();
      // innerText collapses runs of spaces (an OCC option symbol pads its root with them), so compare the
      // words the reader sees, whatever kind of instrument the newest demo trade happens to be.
      const words = (s: string) => s.trim().split(/\s+/).join(" ");
      expect(words(await page.getByRole("heading", { level: 1 }).innerText())).toContain(
        words(describeSymbol(first!.symbol)),
      );
      const rows = page.locator('table[class="trade-table"] tbody tr');
      expect(await rows.count()).toBe(detail.executions.length);
      await expectAccessible(page);
      await shot(page, viewport, "09-trade-detail");
    });

    it("publishes a percent-only profile without amounts", async () => {
      await page.goto(`${BASE}/settings`);
      await page.getByLabel(/Percent only/).check();
      await page.getByLabel("Handle").fill(handle);
      await page.getByRole("button", { name: "Save profile" }).click();
      await page.getByText("Saved.").waitFor();
      const visitor = await launchBrowser({ viewport });
      try {
        const anon = await visitor.context.newPage();
        await anon.goto(`${BASE}/p/${handle}`);
        await anon.getByTestId("verified").waitFor();
        const text = await anon.locator("main").innerText();
        expect(text).not.toMatch(/[$€£¥]|\b(USD|EUR|GBP|CHF|JPY)\b/);
        expect(text).not.toMatch(/U\d{5,}/);
        await expectAccessible(anon);
        await shot(anon, viewport, "10-public-profile");
      } finally {
        await visitor.close();
      }
    });

    it("signs out everywhere: this browser and another one signed in as the same user", async () => {
      const other = await launchBrowser({ viewport });
      try {
        const second = await other.context.newPage();
        await second.goto(`${BASE}/login`);
        await second.getByLabel("E-mail").fill(email);
        await second.getByLabel("Password").fill(password);
        await second.getByRole("button", { name: "Log in" }).click();
        await second.waitForURL((url) => !url.pathname.startsWith("/login"));
        expect((await second.request.get(`${BASE}/api/me`)).status()).toBe(200);

        await page.goto(`${BASE}/settings`);
        await page.getByRole("button", { name: "Sign out everywhere" }).click();
        await page.waitForURL(/\/login/);
        expect((await page.request.get(`${BASE}/api/me`)).status()).toBe(401);
        expect((await second.request.get(`${BASE}/api/me`)).status()).toBe(401);
      } finally {
        await other.close();
      }
    });
  });
}
