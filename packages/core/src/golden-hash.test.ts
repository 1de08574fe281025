// The engine's output, hashed to the last digit, is what it was (see test-support/golden-hash.ts). A change
// here must come with a rule change or a precision decision, recorded in bench/PERFORMANCE.md.
import { expect, it } from "vitest";
import { goldenHash, goldenStatement } from "./test-support/golden-hash.ts";

it("the golden hash over 5,000 generated executions and every shared sample is unchanged", () => {
  expect(goldenHash(goldenStatement(5_000))).toBe(
    "acfabfd3e6149849b0a9c5679bdfbca34b87313db90bcb2817b5a3dee6651166",
  );
});
