// DEV ONLY: screenshots of every screen against a running server (`npm start`, the demo), phone and desktop,
// light and dark. Run: npx tsx packages/web/dev/shoot.ts http://127.0.0.1:<port>
import { mkdirSync } from "node:fs";
import { launchBrowser, type ViewportName } from "../e2e/browser.ts";

const base = process.argv[2] ?? "http://127.0.0.1:4173";
const out = process.argv[3] ?? "artifacts/screenshots/dev";
mkdirSync(out, { recursive: true });

const pages: [string, string, ((page: import("playwright-core").Page) => Promise<void>)?][] = [
  ["login", "/login"],
  ["link-intro", "/link"],
  ["link-sections", "/link?step=sections"],
  ["link-token", "/link?step=token"],
  [
    "link-missing",
    "/link?step=link",
    async (page) => {
      await page.fill("#flex-token", "123456789012345678901234");
      await page.fill("#query-id", "111");
      await page.click("button[type=submit]");
      await page.waitForSelector("[data-problem]");
    },
  ],
  [
    "link-expired",
    "/link?step=link",
    async (page) => {
      await page.fill("#flex-token", "000056789012345678901234");
      await page.fill("#query-id", "987654");
      await page.click("button[type=submit]");
      await page.waitForSelector("[data-problem]");
    },
  ],
  [
    "link-success",
    "/link?step=link",
    async (page) => {
      await page.fill("#flex-token", "123456789012345678901234");
      await page.fill("#query-id", "987654");
      await page.click("button[type=submit]");
      await page.waitForSelector("[data-status=succeeded]", { timeout: 15_000 });
    },
  ],
  ["dashboard", "/dashboard", async (page) => void (await page.waitForSelector(".uplot"))],
  [
    "dashboard-day",
    "/dashboard",
    async (page) => {
      await page.click("button.cal-day >> nth=0");
      await page.waitForSelector("text=Trades closed on");
    },
  ],
  ["trades", "/trades"],
  ["trade", "/trades/t4"],
  ["breakdowns", "/breakdowns"],
  ["accounts", "/accounts"],
  ["settings", "/settings"],
  ["public", "/p/jane_trades"],
];

const only = process.env.SHOOT_ONLY?.split(",");
for (const viewport of ["phone", "desktop"] as ViewportName[]) {
  for (const scheme of ["light", "dark"] as const) {
    const b = await launchBrowser({ viewport, colorScheme: scheme });
    const page = await b.context.newPage();
    page.on("pageerror", (e) => console.error(`[${viewport}/${scheme}] page error:`, e.message));
    for (const [name, path, act] of pages) {
      if (only && !only.includes(name)) continue;
      await page.goto(`${base}${path}`, { waitUntil: "load" });
      await page.waitForSelector("main h1");
      if (act) await act(page);
      await page.waitForTimeout(400);
      await page.screenshot({ path: `${out}/${name}-${viewport}-${scheme}.png`, fullPage: true });
    }
    await b.close();
  }
}
console.log(`screenshots in ${out}`);
