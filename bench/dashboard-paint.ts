// Time to the first dashboard paint on loopback: closeout + flex-sim started as by `npm start` (a linked demo
// user with a year of trading), then Debian's chromium logs in and opens the dashboard. Measured from
// navigation start to the first stat card with a number, cold (empty HTTP cache, no service worker) and warm.
// Baseline in the same run: the same navigation to the static /healthz endpoint.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_EMAIL, DEMO_PASSWORD, startDemo } from "../packages/server/src/cli/demo-command.ts";
import { launchBrowser } from "../packages/web/e2e/browser.ts";

export async function benchDashboardPaint(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "closeout-paint-"));
  const demo = await startDemo({ port: "0", dataDir, executions: 3000, env: {} });
  const browser = await launchBrowser({ viewport: "phone" });
  try {
    const page = await browser.context.newPage();
    await page.goto(`${demo.url}/login`);
    await page.getByLabel("E-mail").fill(DEMO_EMAIL);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.locator('[data-testid="stat-net-pnl"] dd').first().waitFor();

    const timeTo = async (url: string, ready: () => Promise<unknown>) => {
      const started = performance.now();
      await page.goto(url);
      await ready();
      return performance.now() - started;
    };
    const baseline: number[] = [];
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) {
      baseline.push(await timeTo(`${demo.url}/healthz`, () => page.waitForLoadState("load")));
      warm.push(
        await timeTo(`${demo.url}/dashboard`, () =>
          page.locator('[data-testid="stat-net-pnl"] dd').first().waitFor(),
        ),
      );
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
    console.log(`/healthz navigation (baseline): median ${median(baseline).toFixed(0)} ms`);
    console.log(
      `dashboard first stat painted: median ${median(warm).toFixed(0)} ms (5 runs, logged in, cached shell)`,
    );
    console.log(`ratio to baseline: ${(median(warm) / median(baseline)).toFixed(1)}×`);
  } finally {
    await browser.close();
    await demo.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
