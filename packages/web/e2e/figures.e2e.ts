// Figures a trader reads every day, at phone and desktop sizes (issue 18, items 1–6): the equity chart's axis
// labels keep their minus sign, a period and account filter gives the API's figures, an underlying row opens
// its trades, the calendar's trading days stand out from empty days by at least 3:1 in both themes and are
// one tab stop with arrow keys, an explained difference from IB shows no red; axe stays clean.
// A fresh user uploads a generated two-account statement that ends today, so every period preset has trades.
import { generateStatement } from "@closeout/flex-sim";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BreakdownPage, StatsAnswer, TradeDetail, TradesPage } from "../src/api/types.ts";
import { datesOf, exchangeToday } from "../src/lib/date-range.ts";
import { formatCount, formatMoney } from "../src/lib/format.ts";
import { describeSymbol } from "../src/lib/symbol-words.ts";
import { checkAccessibility, describeViolations } from "./axe.ts";
import { type LaunchedBrowser, launchBrowser } from "./browser.ts";

const BASE = process.env.CLOSEOUT_E2E_URL?.replace(/\/$/, "");
const LOCALE = "en-US";
const ACCOUNTS = { phone: ["U7100001", "U7100002"], desktop: ["U7200001", "U7200002"] } as const;

function daysBefore(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

async function api<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(`${BASE}${path}`);
  expect(response.ok(), `${path} answered ${response.status()}`).toBe(true);
  return (await response.json()) as T;
}

async function expectAccessible(page: Page) {
  const violations = await checkAccessibility(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

const statText = (page: Page, id: string) => page.locator(`[data-testid="${id}"] dd`).first().innerText();

/** WCAG relative luminance contrast of two computed `rgb(...)` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

for (const viewport of ["phone", "desktop"] as const) {
  describe.skipIf(!BASE)(`figures (${viewport})`, () => {
    let b: LaunchedBrowser;
    let page: Page;
    const today = exchangeToday();

    beforeAll(async () => {
      b = await launchBrowser({ viewport });
      page = await b.context.newPage();
      await page.goto(`${BASE}/signup`);
      await page.getByLabel("E-mail").fill(`figures_${viewport}_${Date.now().toString(36)}@example.com`);
      await page.getByLabel("Password").fill("correct horse battery staple");
      await page.getByRole("button", { name: "Create account" }).click();
      await page.waitForURL(/\/link/);
      const xml = generateStatement({
        seed: viewport === "phone" ? 31 : 37,
        accounts: ACCOUNTS[viewport],
        executions: 1200,
        fromDate: daysBefore(today, 330),
        toDate: today,
      });
      // Uploaded from the page, as the app's own upload does: same origin, session cookie, CSRF header.
      const status = await page.evaluate(async (body) => {
        const csrf = document.cookie.match(/(?:^|; )closeout_csrf=([^;]*)/)?.[1] ?? "";
        const res = await fetch("/api/accounts/import", {
          method: "POST",
          headers: { "Content-Type": "application/xml", "X-CSRF-Token": decodeURIComponent(csrf) },
          body,
        });
        return res.status;
      }, xml);
      expect(status).toBe(200);
    });
    afterAll(async () => {
      await b?.close();
    });

    it("draws the drawdown in its own panel, its negative axis labels with a minus sign", async () => {
      await page.goto(`${BASE}/dashboard`);
      const panel = page.locator('[data-testid="drawdown-chart"][data-y-labels]');
      await panel.waitFor();
      const labels = ((await panel.getAttribute("data-y-labels")) ?? "").split("|");
      const stats = await api<StatsAnswer>(page, "/api/stats");
      expect(Number(stats.summary.maxDrawdownBase)).toBeGreaterThan(0);
      // Drawdown is at most 0: every non-zero label is a negative amount, written with its minus.
      const nonZero = labels.filter((l) => /[1-9]/.test(l));
      expect(nonZero.length).toBeGreaterThan(0);
      for (const l of nonZero) expect(l).toMatch(/^-/);
      // The equity panel is a separate chart above it.
      expect(await page.locator('[data-testid="equity-chart"] .uplot').count()).toBe(1);
      expect(await page.getByText("one point per day", { exact: false }).count()).toBe(0);
      await expectAccessible(page);
    });

    it("a period and account filter, kept in the URL, gives the API's figures", async () => {
      await page.goto(`${BASE}/dashboard`);
      await page.getByLabel("Period", { exact: true }).selectOption("30d");
      await page.waitForURL(/range=30d/);
      const { from, to } = datesOf({ range: "30d" }, today);
      const month = await api<StatsAnswer>(page, `/api/stats?from=${from}&to=${to}`);
      expect(Number(month.summary.trades)).toBeGreaterThan(0);
      await expect
        .poll(() => statText(page, "stat-trades"), { timeout: 30_000 })
        .toContain(formatCount(month.summary.trades, LOCALE));
      expect(await statText(page, "stat-net-pnl")).toContain(
        formatMoney(month.summary.netPnlBase, month.summary.baseCurrency, { signed: true, locale: LOCALE }),
      );

      // A custom range and one account, straight from a URL (a reload shows the same).
      const account = ACCOUNTS[viewport][1];
      const custom = `from=${daysBefore(today, 200)}&to=${daysBefore(today, 100)}&account=${account}`;
      await page.goto(`${BASE}/dashboard?range=custom&${custom}`);
      const scoped = await api<StatsAnswer>(page, `/api/stats?${custom}`);
      await expect
        .poll(() => statText(page, "stat-trades"), { timeout: 30_000 })
        .toContain(formatCount(scoped.summary.trades, LOCALE));
      expect(await statText(page, "stat-net-pnl")).toContain(
        formatMoney(scoped.summary.netPnlBase, scoped.summary.baseCurrency, { signed: true, locale: LOCALE }),
      );
      expect(await page.getByLabel("Account", { exact: true }).inputValue()).toBe(account);
      expect(await page.getByLabel("Closed from").inputValue()).toBe(daysBefore(today, 200));
      await expectAccessible(page);
    });

    it("groups by underlying; a row opens its trades; the view survives a reload", async () => {
      await page.goto(`${BASE}/breakdowns?by=underlying&sort=-trades&metric=winRate`);
      await page.locator("ul.bars li").first().waitFor();
      const rows = await api<BreakdownPage>(page, "/api/breakdowns/underlying?sort=-trades&limit=50");
      expect(await page.locator("ul.bars > li").count()).toBe(rows.rows.length);
      // Win rate on a 0–100 scale: a bar's width is its rate of the track.
      const mixed = rows.rows.find((r) => r.assetClasses.includes("OPT") && Number(r.contracts) > 1);
      expect(mixed, "an underlying traded as stock and options").toBeDefined();

      await page.reload();
      await page.locator("ul.bars li").first().waitFor();
      expect(await page.getByRole("button", { name: "Underlying" }).getAttribute("aria-pressed")).toBe(
        "true",
      );
      expect(await page.getByLabel("Sort").inputValue()).toBe("-trades");

      await page.getByRole("link", { name: mixed!.key, exact: true }).click();
      await page.waitForURL(new RegExp(`/trades\\?underlying=${mixed!.key}`));
      const listed = await api<TradesPage>(page, `/api/trades?underlying=${mixed!.key}&limit=50`);
      expect(listed.total).toBe(Number(mixed!.trades));
      const links = page.locator("table.trade-table tbody tr td:first-child a");
      await links.first().waitFor();
      expect(await links.count()).toBe(listed.trades.length);
      // Contracts in words: "AAPL 190 Put · 18 Dec 26".
      const shown = await links.allInnerTexts();
      expect(shown).toEqual(listed.trades.map((t) => describeSymbol(t.symbol)));
      expect(shown.some((s) => / (Put|Call) · /.test(s))).toBe(true);
      expect(await page.getByLabel("Symbol means").inputValue()).toBe("underlying");
      await expectAccessible(page);
    });

    for (const theme of ["light", "dark"] as const) {
      it(`calendar (${theme}): trading days ≥ 3:1 against an empty day, signs, one tab stop, arrow keys`, async () => {
        await page.emulateMedia({ colorScheme: theme });
        await page.goto(`${BASE}/dashboard`);
        await page.locator(".cal-day.has-pnl").first().waitFor();
        const colours = await page.evaluate(() => {
          const empty = document.querySelector(".cal-day:not(button):not(.blank)");
          const days = [...document.querySelectorAll<HTMLElement>(".cal-day.has-pnl")];
          return {
            empty: empty ? getComputedStyle(empty).backgroundColor : "",
            days: days.map((d) => ({
              bg: getComputedStyle(d).backgroundColor,
              glyph: d.querySelector(".glyph")?.textContent ?? "",
              tabIndex: d.tabIndex,
            })),
          };
        });
        expect(colours.empty).not.toBe("");
        expect(colours.days.length).toBeGreaterThan(20);
        const worst = Math.min(...colours.days.map((d) => contrast(d.bg, colours.empty)));
        expect(worst).toBeGreaterThanOrEqual(3);
        for (const d of colours.days) expect(["+", "−", "0"]).toContain(d.glyph);
        expect(colours.days.filter((d) => d.tabIndex === 0).length).toBe(1);

        const stop = page.locator('.cal-day.has-pnl[tabindex="0"]');
        const start = await stop.getAttribute("data-date");
        await stop.focus();
        await page.keyboard.press("ArrowLeft");
        const moved = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.date);
        expect(moved).toBeDefined();
        expect(moved! < start!).toBe(true);
        await page.keyboard.press("Enter");
        const dayTrades = page.locator('[data-testid="day-trades"]');
        await dayTrades.waitFor();
        if (viewport === "phone") {
          // Shown where the reader is looking: within the screen, not below every month.
          await expect
            .poll(async () => (await dayTrades.boundingBox())?.y ?? Number.POSITIVE_INFINITY, {
              timeout: 10_000,
            })
            .toBeLessThan(844);
        }
        await expectAccessible(page);
      });
    }

    it("an explained difference from IB shows neutral, with both figures, and no red", async () => {
      await page.emulateMedia({ colorScheme: "light" });
      let explained: TradesPage["trades"][number] | undefined;
      let cursor: string | null = null;
      do {
        const list: TradesPage = await api<TradesPage>(
          page,
          `/api/trades?limit=500${cursor ? `&cursor=${cursor}` : ""}`,
        );
        explained = list.trades.find((t) => t.reconciliation.reason === "assignment-premium-in-underlying");
        cursor = list.nextCursor;
      } while (!explained && cursor);
      expect(explained, "the statement has an assignment").toBeDefined();
      const detail = await api<TradeDetail>(page, `/api/trades/${encodeURIComponent(explained!.id)}`);
      await page.goto(`${BASE}/trades/${encodeURIComponent(explained!.id)}`);
      const card = page.locator('section[aria-labelledby="recon-title"]');
      await card.getByText("Adjusted: assignment").waitFor();
      const figures = await card.locator('[data-testid="recon-figures"]').innerText();
      expect(figures).toContain(
        formatMoney(detail.trade.reconciliation.brokerPnl, detail.trade.currency, {
          signed: true,
          locale: LOCALE,
        }),
      );
      expect(figures).toContain(
        formatMoney(detail.trade.realizedPnl, detail.trade.currency, { signed: true, locale: LOCALE }),
      );
      const reds = await card.evaluate((el) => {
        const neg = getComputedStyle(document.documentElement).getPropertyValue("--neg").trim();
        const probe = document.createElement("span");
        probe.style.color = neg;
        document.body.append(probe);
        const red = getComputedStyle(probe).color;
        probe.remove();
        return [el, ...el.querySelectorAll("*")]
          .map((n) => getComputedStyle(n))
          .filter((s) => s.color === red || s.borderTopColor === red || s.backgroundColor === red).length;
      });
      expect(reds).toBe(0);
      await expectAccessible(page);
    });
  });
}
