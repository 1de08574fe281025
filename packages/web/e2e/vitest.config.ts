// Browser tests: global-setup.ts starts closeout with flex-sim (or uses CLOSEOUT_E2E_URL when set).
// Run from the repository root: npx vitest run -c packages/web/e2e/vitest.config.ts
import { defineConfig } from "vitest/config";
import "../../../vitest.node20-polyfills.ts";

// The workspace packages run from their sources, as in the unit tests (root vitest.config.ts, ADR 0012).
const conditions = ["closeout-source", "module", "node", "development|production"];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ["closeout-source"] } },
  // The global setup (which starts closeout) runs in Vitest's own environment.
  environments: { __vitest__: { resolve: { conditions, externalConditions: ["closeout-source"] } } },
  test: {
    include: ["packages/web/e2e/**/*.e2e.ts"],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    globalSetup: ["packages/web/e2e/global-setup.ts"],
  },
});
