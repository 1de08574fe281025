// Launches Debian's chromium through playwright-core (no bundled browser download). Flags suit running as
// root in a container: no sandbox, no GPU, no network side traffic, a fresh profile per launch.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium } from "playwright-core";

export const CHROMIUM_PATH = process.env.CLOSEOUT_CHROMIUM ?? "/usr/bin/chromium";

export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
} as const;

export type ViewportName = keyof typeof VIEWPORTS;

export interface LaunchedBrowser {
  /** A persistent context on a throwaway profile; close() also deletes the profile. */
  context: BrowserContext;
  browser: Browser | null;
  close(): Promise<void>;
}

const FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export async function launchBrowser(
  options: { viewport?: ViewportName; colorScheme?: "light" | "dark" } = {},
): Promise<LaunchedBrowser> {
  const profile = mkdtempSync(join(tmpdir(), "closeout-e2e-"));
  const viewport = VIEWPORTS[options.viewport ?? "desktop"];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: FLAGS,
    ignoreDefaultArgs: ["--headless"],
    viewport,
    deviceScaleFactor: options.viewport === "phone" ? 2 : 1,
    isMobile: options.viewport === "phone",
    hasTouch: options.viewport === "phone",
    colorScheme: options.colorScheme ?? "light",
    // Fixed locale and zone so formatted numbers and dates are comparable with the API's values.
    locale: "en-US",
    timezoneId: "UTC",
    serviceWorkers: "allow",
    // Only so axe-core can be injected for the accessibility check; the app itself runs under its real CSP.
    bypassCSP: true,
  });
  return {
    context,
    browser: context.browser(),
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
