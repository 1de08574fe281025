import { describe, expect, it } from "vitest";
import { Decimal } from "../money.ts";
import { computeRStats, rMultiple } from "./r-multiples.ts";

const d = (s: string) => new Decimal(s);

describe("R-multiples", () => {
  it("divides exactly and has no R without a positive risk", () => {
    expect(rMultiple(d("-150"), d("100"))?.toFixed()).toBe("-1.5");
    expect(rMultiple(d("0.1"), d("0.3"))?.toDecimalPlaces(6).toFixed()).toBe("0.333333");
    expect(rMultiple(d("50"), null)).toBeNull();
    expect(rMultiple(d("50"), d("0"))).toBeNull();
  });

  it("averages, splits wins and losses and buckets R; expectancy equals the mean", () => {
    const s = computeRStats(["2", "-1", "0", "3.5", "-2.5"].map(d));
    expect(s.trades).toBe(5);
    expect(s.totalR.toFixed()).toBe("2");
    expect(s.averageR?.toFixed()).toBe("0.4");
    expect(s.avgWinR?.toFixed()).toBe("2.75");
    expect(s.avgLossR?.toFixed()).toBe("-1.75");
    expect(s.expectancyR?.toFixed()).toBe("0.4");
    expect(s.distribution.map((b) => [b.key, b.trades])).toEqual([
      ["<-2", 1],
      ["-2..-1", 0],
      ["-1..0", 1],
      ["0..1", 1],
      ["1..2", 0],
      ["2..3", 1],
      [">=3", 1],
    ]);
  });

  it("has null averages with no trade", () => {
    const s = computeRStats([]);
    expect(s).toMatchObject({ trades: 0, averageR: null, avgWinR: null, avgLossR: null, expectancyR: null });
    expect(s.totalR.toFixed()).toBe("0");
  });
});
