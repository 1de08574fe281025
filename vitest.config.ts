import { defineConfig } from "vitest/config";

import "./vitest.node20-polyfills.ts";

export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
