// Browser tests: global-setup.ts starts closeout with flex-sim (or uses CLOSEOUT_E2E_URL when set).
// Run from the repository root: npx vitest run -c packages/web/e2e/vitest.config.ts
import { defineConfig } from "vitest/config";
import "../../../vitest.node20-polyfills.ts";

export default defineConfig({
  test: {
    include: ["packages/web/e2e/**/*.e2e.ts"],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    globalSetup: ["packages/web/e2e/global-setup.ts"],
  },
});
