import { defineConfig } from "vitest/config";

import "./vitest.node20-polyfills.ts";

// Tests run the workspace packages from their sources: their package.json exports point at the built
// dist/ unless the "closeout-source" condition is set (ADR 0012).
const conditions = ["closeout-source", "module", "node", "development|production"];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ["closeout-source"] } },
  test: {
    include: ["packages/*/src/**/*.test.ts"],
    setupFiles: ["./vitest.decimal-equality.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
