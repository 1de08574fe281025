// Decimals keep the trailing zeros their arithmetic gave (1.50 and 1.5 are two spellings of one value), so
// toEqual compares them by value, as decimal.js's normalised digits did.
import { Decimal } from "@closeout/core";
import { expect } from "vitest";

expect.addEqualityTesters([
  (a: unknown, b: unknown) => (a instanceof Decimal && b instanceof Decimal ? a.eq(b) : undefined),
]);
