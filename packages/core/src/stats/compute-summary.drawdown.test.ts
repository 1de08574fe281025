import { describe, expect, it } from "vitest";
import { computeSummary } from "./compute-summary.ts";
import { plain, testTrades } from "./test-trade.ts";

const USD = [{ accountId: "U1234567", baseCurrency: "USD" }];
const maxDrawdown = (pnls: (string | number)[]) =>
  plain(computeSummary(testTrades(pnls), USD).summary.maxDrawdownBase);

describe("computeSummary maxDrawdownBase", () => {
  it("starts from a peak of 0, so a first losing trade is a drawdown", () => {
    expect(maxDrawdown([-50])).toBe("50");
  });

  it("takes the deepest fall from a running peak: 100, 70, 120, 40, 20, 30 → 120 − 20", () => {
    expect(maxDrawdown([100, -30, 50, -80, -20, 10])).toBe("100");
  });

  it("keeps an early drawdown that is deeper than a later one: −10, 10, 5", () => {
    expect(maxDrawdown([-10, 20, -5])).toBe("10");
  });

  it("is 0 when the running sum never falls", () => {
    expect(maxDrawdown([0, 5, 0, 7])).toBe("0");
  });

  it("follows the input order: the same trades in another order draw down differently", () => {
    expect(maxDrawdown([100, -60, -40])).toBe("100");
    expect(maxDrawdown([-60, 100, -40])).toBe("60");
  });

  it("keeps cents exact: 10.10, −0.35, −10.01 → 10.36", () => {
    expect(maxDrawdown(["10.10", "-0.35", "-10.01"])).toBe("10.36");
  });
});
