// Browser tests against a running closeout (`CLOSEOUT_E2E_URL`); skipped when it is unset.
// Run from the repository root: npx vitest run -c packages/web/e2e/vitest.config.ts
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/web/e2e/**/*.e2e.ts"],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
