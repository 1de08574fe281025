// The trading journal in the browser (issue 15): write a Markdown note (its preview renders no raw HTML), the
// tags `breakout` and `setup:flag` with the keyboard, and a planned risk of 100 on a trade; the page keeps them
// after a reload and the API gives r = realizedPnl / 100 exactly. Then filter the trades list by the tag, read
// the breakdown by tag and the dashboard's R, and see the same figures as the API; reach the day journal from
// the calendar; no sideways scroll at phone size; axe stays clean. Last, an older statement dissolves a noted
// trade: the note is shown as an orphan, reattached, orphaned again and deleted.
// A fresh user uploads a generated statement, as the app's own upload does.
import { Decimal } from "@closeout/core";
import { generateStatement } from "@closeout/flex-sim";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StatsAnswer, TradeDetail, TradesPage } from "../src/api/types.ts";
import { exchangeToday } from "../src/lib/date-range.ts";
import { formatCount, formatCountOf, formatMoney, formatR } from "../src/lib/format.ts";
import { checkAccessibility, describeViolations } from "./axe.ts";
import { type LaunchedBrowser, launchBrowser } from "./browser.ts";

const BASE = process.env.CLOSEOUT_E2E_URL?.replace(/\/$/, "");
const LOCALE = "en-US";
const PASSWORD = "correct horse battery staple";
const XSS = "<img src=x onerror=alert(1)>";
const NOTE = `**Held** the breakout to the target.\n\n${XSS}`;

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

async function expectNoSidewaysScroll(page: Page, what: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `${what}: the page is ${scrollWidth} px wide at ${innerWidth} px`).toBeLessThanOrEqual(
    innerWidth,
  );
}

/** The chips of the tag input on a trade's page, in order. */
const editorChips = (page: Page) =>
  page
    .locator(".journal-editor .tag-chip")
    .evaluateAll((chips) => chips.map((c) => c.firstChild?.textContent ?? ""));

/** The n-th IB execution of the orphan scenario: 100 AAPL bought or sold on `date`. */
function flexTrade(account: string, n: number, date: string, buy: boolean): string {
  const ymd = date.replaceAll("-", "");
  const qty = buy ? "100" : "-100";
  return `<Trade accountId="${account}" currency="USD" assetCategory="STK" symbol="AAPL" description="APPLE INC" conid="265598" multiplier="1" fxRateToBase="1" tradeID="79000${n}" dateTime="${ymd};${10 + (n % 8)}0000" tradeDate="${ymd}" transactionType="ExchTrade" exchange="NASDAQ" quantity="${qty}" tradePrice="15${n}" tradeMoney="${buy ? "" : "-"}15${n}00" proceeds="${buy ? "-" : ""}15${n}00" ibCommission="-1" ibCommissionCurrency="USD" netCash="0" openCloseIndicator="${buy ? "O" : "C"}" notes="" fifoPnlRealized="" origTradeID="" transactionID="39000${n}" buySell="${buy ? "BUY" : "SELL"}" ibExecID="e2e.orphan.${n}" levelOfDetail="EXECUTION" />`;
}

/** A small Flex statement of one account, as IB writes it, with these Trade rows. */
function flexStatement(account: string, from: string, to: string, trades: readonly string[]): string {
  const d = (s: string) => s.replaceAll("-", "");
  return `<?xml version="1.0" encoding="UTF-8"?>
<FlexQueryResponse queryName="closeout" type="AF"><FlexStatements count="1">
<FlexStatement accountId="${account}" fromDate="${d(from)}" toDate="${d(to)}" period="Custom" whenGenerated="${d(to)};200000">
<AccountInformation accountId="${account}" acctAlias="" currency="USD" name="Orphan Example" accountType="Individual" />
<Trades>
${trades.join("\n")}
</Trades>
</FlexStatement></FlexStatements></FlexQueryResponse>`;
}

/** Uploads a statement from the page, as the app's own upload does: same origin, session, CSRF header. */
async function upload(page: Page, xml: string): Promise<number> {
  return page.evaluate(async (body) => {
    const csrf = document.cookie.match(/(?:^|; )closeout_csrf=([^;]*)/)?.[1] ?? "";
    const res = await fetch("/api/accounts/import", {
      method: "POST",
      headers: { "Content-Type": "application/xml", "X-CSRF-Token": decodeURIComponent(csrf) },
      body,
    });
    return res.status;
  }, xml);
}

const statText = (page: Page, id: string) => page.locator(`[data-testid="${id}"] dd`).first().innerText();

describe.skipIf(!BASE)("journal", () => {
  let b: LaunchedBrowser;
  let page: Page;
  const email = `journal_${Date.now().toString(36)}@example.com`;
  const dialogs: string[] = [];
  let trade: TradesPage["trades"][number];

  beforeAll(async () => {
    b = await launchBrowser({ viewport: "desktop" });
    page = await b.context.newPage();
    // Any alert() would be the note's raw HTML running.
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${BASE}/signup`);
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(/\/link/);
    const today = exchangeToday();
    const xml = generateStatement({
      seed: 41,
      accounts: ["U7300001"],
      executions: 400,
      fromDate: daysBefore(today, 120),
      toDate: today,
    });
    expect(await upload(page, xml)).toBe(200);
    // A stock trade whose P&L has at most 4 places, so P&L / 100 needs no rounding at the ratio's 6 places.
    const list = await api<TradesPage>(page, "/api/trades?limit=200&assetClass=STK");
    const found = list.trades.find(
      (t) => /^-?\d+(\.\d{1,4})?$/.test(t.realizedPnl) && new Decimal(t.realizedPnl).abs().gt(1),
    );
    expect(found, "a stock trade with a short P&L").toBeDefined();
    trade = found!;
  });
  afterAll(async () => {
    await b?.close();
  });

  it("shows no R figures while no trade has a risk", async () => {
    await page.goto(`${BASE}/dashboard`);
    await page.locator('[data-testid="stat-trades"]').waitFor();
    expect(await page.locator('[data-testid="stat-average-r"]').count()).toBe(0);
    const stats = await api<StatsAnswer>(page, "/api/stats");
    expect(stats.stats.r.trades).toBe("0");
  });

  it("writes a note, tags by keyboard and a risk of 100; keeps them after a reload; r = P&L / 100", async () => {
    const url = `${BASE}/trades/${encodeURIComponent(trade.id)}`;
    await page.goto(url);
    const editor = page.locator(".journal-editor");
    await editor.getByLabel("Note (Markdown)").fill(NOTE);

    await editor.getByRole("tab", { name: "Preview" }).click();
    const preview = editor.locator(".markdown-preview");
    await preview.waitFor();
    expect(await preview.locator("strong").innerText()).toBe("Held");
    // The raw HTML is shown as text, never made an element.
    expect(await preview.locator("img").count()).toBe(0);
    expect(await preview.innerText()).toContain(XSS);
    await editor.getByRole("tab", { name: "Write" }).click();

    // Keyboard: type + Enter adds a tag, Backspace on the empty box removes the last.
    const tagBox = editor.getByLabel("Tags", { exact: true });
    await tagBox.focus();
    for (const tag of ["Breakout", "setup:flag", "oops"]) {
      await page.keyboard.type(tag);
      await page.keyboard.press("Enter");
    }
    expect(await editorChips(page)).toEqual(["breakout", "setup:flag", "oops"]);
    await page.keyboard.press("Backspace");
    expect(await editorChips(page)).toEqual(["breakout", "setup:flag"]);
    expect(await editor.getByLabel("Note (Markdown)").inputValue()).toBe(NOTE);

    expect(await editor.getByLabel("Amount", { exact: true }).isChecked()).toBe(true);
    await editor.getByLabel("Risk amount").fill("100");
    await editor.getByRole("button", { name: "Save journal" }).click();
    await editor.getByRole("button", { name: "Saved" }).waitFor({ timeout: 30_000 });

    await page.reload();
    await editor.getByLabel("Note (Markdown)").waitFor();
    expect(await editor.getByLabel("Note (Markdown)").inputValue()).toBe(NOTE);
    expect(await editorChips(page)).toEqual(["breakout", "setup:flag"]);
    expect(await editor.getByLabel("Risk amount").inputValue()).toBe("100");
    expect(await editor.getByRole("button", { name: "Saved" }).isDisabled()).toBe(true);

    const detail = await api<TradeDetail>(page, `/api/trades/${encodeURIComponent(trade.id)}`);
    expect(detail.journal.note).toBe(NOTE);
    expect(detail.journal.tags).toEqual(["breakout", "setup:flag"]);
    expect(detail.journal.plannedRisk).toBe("100");
    expect(detail.journal.riskSource).toBe("amount");
    expect(detail.journal.r).not.toBeNull();
    // Exact: P&L / 100 of a P&L with at most 4 places has at most 6, so nothing was rounded.
    expect(new Decimal(detail.journal.r!).eq(new Decimal(detail.trade.realizedPnl).div(100))).toBe(true);
    expect(detail.journal.r).toMatch(/^-?\d+(\.\d{1,6})?$/);
    // The editor shows the same R.
    expect(await editor.innerText()).toContain(formatR(detail.journal.r, LOCALE));
    expect(dialogs).toEqual([]);
    await expectAccessible(page);
  });

  it("filters the trades list by tag (any, none) with the API's counts; each row shows tags and R", async () => {
    await page.goto(`${BASE}/trades`);
    await page.getByTestId("trades-total").waitFor();
    const tagFilter = page.getByLabel("Filter by tag");
    await tagFilter.fill("breakout");
    await tagFilter.press("Enter");
    await page.waitForURL(/[?&]tag=breakout/);

    const listed = await api<TradesPage>(page, "/api/trades?tag=breakout");
    const stats = await api<StatsAnswer>(page, "/api/stats?tag=breakout");
    expect(listed.total).toBe(1);
    expect(listed.trades.map((t) => t.id)).toEqual([trade.id]);
    expect(stats.summary.trades).toBe(String(listed.total));
    await expect
      .poll(() => page.getByTestId("trades-total").innerText(), { timeout: 30_000 })
      .toContain(formatCountOf(listed.total, "trade", "trades", LOCALE));
    expect(await page.getByTestId("trades-total").innerText()).toContain(
      formatMoney(stats.summary.netPnlBase, stats.summary.baseCurrency, { signed: true, locale: LOCALE }),
    );
    const rows = page.locator("table.trade-table tbody tr");
    expect(await rows.count()).toBe(1);
    const row = rows.first();
    expect(await row.locator(".tag-chip").allInnerTexts()).toEqual(["breakout", "setup:flag"]);
    expect(await row.getByTestId("trade-r").innerText()).toBe(formatR(listed.trades[0]!.r, LOCALE));

    // "Has none of": every other trade, as the API counts them.
    await page.getByLabel("Tags", { exact: true }).selectOption("tagNone");
    await page.waitForURL(/[?&]tagNone=breakout/);
    const others = await api<TradesPage>(page, "/api/trades?tagNone=breakout");
    const all = await api<TradesPage>(page, "/api/trades?limit=1");
    expect(others.total).toBe(all.total - 1);
    await expect
      .poll(() => page.getByTestId("trades-total").innerText(), { timeout: 30_000 })
      .toContain(formatCountOf(others.total, "trade", "trades", LOCALE));
    // Untagged trades show no chip and a blank R.
    expect(await page.locator("table.trade-table tbody .tag-chip").count()).toBe(0);
    await expectAccessible(page);
  });

  it("breaks down by tag and tag group with the API's figures and R; a tag opens its trades", async () => {
    await page.goto(`${BASE}/breakdowns?by=tag`);
    const stats = await api<StatsAnswer>(page, "/api/stats");
    const byTag = stats.stats.byTag.find((g) => g.key === "breakout");
    expect(byTag).toBeDefined();
    expect(byTag!.trades).toBe("1");
    expect(byTag!.r.trades).toBe("1");
    const rowOf = (name: string) =>
      page.locator("ul.bars > li").filter({ has: page.getByRole("link", { name, exact: true }) });
    await rowOf("breakout").waitFor();
    const text = await rowOf("breakout").innerText();
    expect(text).toContain(formatCount(byTag!.trades, LOCALE));
    expect(text).toContain(
      formatMoney(byTag!.netPnlBase, stats.summary.baseCurrency, { signed: true, locale: LOCALE }),
    );
    expect(text).toContain(`average ${formatR(byTag!.r.averageR, LOCALE)}`);
    expect(text).toContain(`expectancy ${formatR(byTag!.r.expectancyR, LOCALE)}`);
    expect(await page.locator("ul.bars > li").count()).toBe(stats.stats.byTag.length);

    // Bars by average R.
    await page.getByRole("button", { name: "Average R", exact: true }).click();
    await page.waitForURL(/metric=averageR/);
    expect(await rowOf("breakout").locator(".value").innerText()).toBe(formatR(byTag!.r.averageR, LOCALE));
    await expectAccessible(page);

    await page.getByRole("button", { name: "Tag group" }).click();
    const group = stats.stats.byTagGroup.find((g) => g.key === "setup");
    expect(group?.trades).toBe("1");
    await rowOf("setup").waitFor();
    expect(await rowOf("setup").locator(".value").innerText()).toBe(formatR(group!.r.averageR, LOCALE));

    await page.getByRole("button", { name: "Tag", exact: true }).click();
    await rowOf("breakout").getByRole("link", { name: "breakout", exact: true }).click();
    await page.waitForURL(/\/trades\?tag=breakout/);
    await expect
      .poll(() => page.getByTestId("trades-total").innerText(), { timeout: 30_000 })
      .toContain(formatCountOf(1, "trade", "trades", LOCALE));
  });

  it("shows the dashboard's R figures; a calendar day leads to its day journal", async () => {
    await page.goto(`${BASE}/dashboard`);
    const stats = await api<StatsAnswer>(page, "/api/stats");
    expect(stats.stats.r.trades).toBe("1");
    await page.locator('[data-testid="stat-average-r"]').waitFor();
    expect(await statText(page, "stat-average-r")).toContain(formatR(stats.stats.r.averageR, LOCALE));
    expect(await statText(page, "stat-expectancy-r")).toContain(formatR(stats.stats.r.expectancyR, LOCALE));

    const day = page.locator(".cal-day.has-pnl").first();
    const date = await day.getAttribute("data-date");
    await day.click();
    await page.getByTestId("day-trades").getByRole("link", { name: "Day journal" }).click();
    await page.waitForURL(new RegExp(`/journal/${date}$`));
    await page.getByLabel("Day note (Markdown)").waitFor();

    // The trade's own day, from its journal: the trade is listed there with its tags and R.
    await page.goto(`${BASE}/trades/${encodeURIComponent(trade.id)}`);
    await page.getByRole("link", { name: /^Day journal of / }).click();
    await page.waitForURL(/\/journal\/\d{4}-\d{2}-\d{2}$/);
    const item = page
      .locator("li")
      .filter({ has: page.locator(`a[href="/trades/${encodeURIComponent(trade.id)}"]`) });
    await item.waitFor();
    expect(await item.locator(".tag-chip").allInnerTexts()).toEqual(["breakout", "setup:flag"]);
    expect(await item.innerText()).toContain(formatR(stats.stats.r.averageR, LOCALE));
    await expectAccessible(page);
  });

  it("fits a phone: the filtered list, the trade's journal and the tag breakdown", async () => {
    const phone = await launchBrowser({ viewport: "phone" });
    try {
      const p = await phone.context.newPage();
      await p.goto(`${BASE}/login`);
      await p.getByLabel("E-mail").fill(email);
      await p.getByLabel("Password").fill(PASSWORD);
      await p.getByRole("button", { name: "Log in" }).click();
      await p.waitForURL((url) => !url.pathname.startsWith("/login"));

      await p.goto(`${BASE}/trades?tag=breakout`);
      await p.locator("table.trade-table tbody .tag-chip").first().waitFor();
      expect(await p.locator("table.trade-table tbody .tag-chip").first().isVisible()).toBe(true);
      await expectNoSidewaysScroll(p, "trades by tag");
      await p.goto(`${BASE}/trades/${encodeURIComponent(trade.id)}`);
      await p.locator(".journal-editor .tag-chip").first().waitFor();
      await expectNoSidewaysScroll(p, "trade journal");
      await p.goto(`${BASE}/breakdowns?by=tag`);
      await p.locator("ul.bars > li").first().waitFor();
      await expectNoSidewaysScroll(p, "breakdown by tag");
      await expectAccessible(p);
    } finally {
      await phone.close();
    }
  });
  it("keeps a note whose trade an older statement dissolved; reattaches it, then deletes it", async () => {
    // One AAPL round trip (executions 2 and 3) in its own account, with a journal; another account's
    // AAPL round trip (20 and 21) to reattach it to.
    const account = "U7399999";
    const other = "U7399998";
    const row = (acct: string, n: number, day: number, buy: boolean) =>
      flexTrade(acct, n, `2026-10-${String(day).padStart(2, "0")}`, buy);
    expect(
      await upload(
        page,
        flexStatement(account, "2026-10-07", "2026-10-08", [
          row(account, 2, 7, true),
          row(account, 3, 8, false),
        ]),
      ),
    ).toBe(200);
    expect(
      await upload(
        page,
        flexStatement(other, "2026-10-12", "2026-10-13", [
          row(other, 20, 12, true),
          row(other, 21, 13, false),
        ]),
      ),
    ).toBe(200);
    const first = await api<TradesPage>(page, `/api/trades?account=${account}`);
    const target = await api<TradesPage>(page, `/api/trades?account=${other}`);
    expect([first.total, target.total]).toEqual([1, 1]);
    const csrf = (await page.context().cookies(BASE!)).find((c) => c.name.endsWith("closeout_csrf"))?.value;
    const saved = await page.request.put(
      `${BASE}/api/trades/${encodeURIComponent(first.trades[0]!.id)}/journal`,
      {
        data: { note: "Chased the open.", tags: ["mistake:chase"] },
        headers: { "X-CSRF-Token": csrf ?? "", Origin: BASE! },
      },
    );
    expect(saved.status(), await saved.text()).toBe(200);

    // An older statement with an earlier buy: no trade holds executions 2 and 3 any more.
    expect(
      await upload(page, flexStatement(account, "2026-10-06", "2026-10-06", [row(account, 1, 6, true)])),
    ).toBe(200);
    const rebuilt = await api<TradesPage>(page, `/api/trades?account=${account}`);
    expect(rebuilt.trades.some((t) => t.tags.length > 0)).toBe(false);
    await page.goto(`${BASE}/trades`);
    const notice = page.getByTestId("journal-orphans");
    await notice.getByText("1 note no longer matches a trade").waitFor();
    await notice.locator("summary").click();
    await notice.getByText("Chased the open.").waitFor();
    expect(await notice.locator(".tag-chip").allInnerTexts()).toEqual(["mistake:chase"]);
    await expectAccessible(page);

    const targetId = target.trades[0]!.id;
    await notice.getByLabel("Reattach to").selectOption(targetId);
    await notice.getByRole("button", { name: "Reattach" }).click();
    await notice.waitFor({ state: "detached", timeout: 30_000 });
    const reattached = await api<TradeDetail>(page, `/api/trades/${encodeURIComponent(targetId)}`);
    expect(reattached.journal.note).toBe("Chased the open.");
    expect(reattached.journal.tags).toEqual(["mistake:chase"]);

    // Its new trade dissolved too: orphaned again, and this time deleted (it asks twice).
    expect(
      await upload(page, flexStatement(other, "2026-10-11", "2026-10-11", [row(other, 19, 11, true)])),
    ).toBe(200);
    await page.reload();
    await notice.getByText("1 note no longer matches a trade").waitFor();
    await notice.locator("summary").click();
    await notice.getByRole("button", { name: "Delete" }).click();
    await notice.getByRole("button", { name: "Delete for good" }).click();
    await notice.waitFor({ state: "detached", timeout: 30_000 });
    const left = await api<{ count: number }>(page, "/api/journal/orphans");
    expect(left.count).toBe(0);
  });
});
