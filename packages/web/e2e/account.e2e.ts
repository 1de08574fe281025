// The Account view in a real browser (issue #16): a user uploads a statement with the account sections, and
// the page shows the figures GET /api/returns answers — trailing TWRs, NAV, a month of the years × months
// table, the costs — with the NAV curve drawn and the dashboard's account-return card. axe on both screens.
// Uses CLOSEOUT_E2E_URL like closeout.e2e.ts (global-setup.ts starts closeout with flex-sim).

import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateStatement } from "../../flex-sim/src/index.ts";
import type { ReturnsAnswer } from "../src/api/types.ts";
import { formatMoney, formatPercent } from "../src/lib/format.ts";
import { checkAccessibility, describeViolations } from "./axe.ts";
import { type LaunchedBrowser, launchBrowser } from "./browser.ts";

const BASE = process.env.CLOSEOUT_E2E_URL?.replace(/\/$/, "");
const LOCALE = "en-US";
// An account of its own (an upload never holds an account, so other suites' links are not in the way).
const XML = generateStatement({
  seed: 31,
  accounts: ["U7654321"],
  executions: 300,
  fromDate: "2025-01-02",
  toDate: "2025-12-31",
  accountSections: true,
});

const statText = (page: Page, id: string) => page.locator(`[data-testid="${id}"] dd`).first().innerText();

describe.skipIf(!BASE)("Account view", () => {
  let b: LaunchedBrowser;
  let page: Page;
  let answer: ReturnsAnswer;

  beforeAll(async () => {
    b = await launchBrowser({ viewport: "desktop" });
    page = await b.context.newPage();
    const email = `account_${Date.now().toString(36)}@example.com`;
    await page.goto(`${BASE}/signup`);
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill("correct horse battery staple");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(/\/link/);
    // The upload goes through the API as the signed-in browser: same cookies, this session's CSRF token.
    const csrf = await page.request.get(`${BASE}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const upload = await page.request.post(`${BASE}/api/accounts/import`, {
      data: XML,
      headers: { "Content-Type": "application/xml", "X-CSRF-Token": csrfToken, Origin: BASE ?? "" },
    });
    expect(upload.status(), await upload.text()).toBe(200);
    const res = await page.request.get(`${BASE}/api/returns`);
    expect(res.ok()).toBe(true);
    answer = (await res.json()) as ReturnsAnswer;
  });
  afterAll(async () => {
    await b?.close();
  });

  it("shows the API's returns, NAV, monthly table and costs", async () => {
    expect(answer.available).toBe(true);
    const a = answer.accounts[0]!;
    expect(a.accountId).toBe("U7654321");
    await page.goto(`${BASE}/account`);
    await page.locator('[data-testid="twr-all"]').waitFor();
    const pct = (v: string | null) => formatPercent(v, { signed: true, locale: LOCALE });
    expect(await statText(page, "twr-all")).toContain(pct(a.trailing.allPct));
    expect(await statText(page, "twr-mtd")).toContain(pct(a.trailing.mtdPct));
    expect(await statText(page, "nav-ending")).toContain(
      formatMoney(a.endingNav, a.baseCurrency, { locale: LOCALE }),
    );
    expect(await page.locator('[data-testid="twr-reconciliation"]').innerText()).toContain("matches");
    const march = a.monthlyReturns.find((m) => m.month === "2025-03")!;
    expect(await page.locator('[data-testid="month-2025-03"]').innerText()).toBe(pct(march.twrPct));
    expect(await page.locator('[data-testid="year-2025"]').innerText()).toBe(pct(a.yearlyReturns[0]!.twrPct));
    const commissions = await page.locator('[data-testid="cost-commissions"]').innerText();
    expect(commissions).toContain(
      formatMoney(a.costs.commissions, a.baseCurrency, { signed: true, locale: LOCALE }),
    );
    expect(await page.locator('[data-testid="cash-flows"]').innerText()).toContain(
      formatMoney(a.deposits, a.baseCurrency, { signed: true, locale: LOCALE }),
    );
    await page.locator('[data-testid="nav-chart"].chart .uplot').waitFor();
    const violations = await checkAccessibility(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });

  it("puts the account return on the dashboard", async () => {
    await page.goto(`${BASE}/dashboard`);
    await page.locator('[data-testid="account-return-all"]').waitFor();
    const all = answer.accounts[0]!.trailing.allPct;
    expect(await page.locator('[data-testid="account-return-all"]').innerText()).toBe(
      formatPercent(all, { signed: true, locale: LOCALE }),
    );
    const violations = await checkAccessibility(page);
    expect(violations, describeViolations(violations)).toEqual([]);
  });
});
