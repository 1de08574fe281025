import { describe, expect, it } from "vitest";
import { filtersFromSearch, searchFromFilters, tagsOfFilter, toggleSort } from "./trade-filters.ts";

describe("trade filters in the URL", () => {
  it("round-trips valid filters and drops invalid ones", () => {
    const { filters, sort } = filtersFromSearch(
      "?symbol=aapl&side=long&outcome=win&from=2025-01-01&to=bad&minHoldSeconds=60&side2=x&sort=returnPct",
    );
    expect(filters).toEqual({
      symbol: "AAPL",
      side: "long",
      outcome: "win",
      from: "2025-01-01",
      minHoldSeconds: 60,
    });
    expect(sort).toBe("returnPct");
    expect(searchFromFilters(filters, sort)).toBe(
      "?symbol=AAPL&side=long&outcome=win&from=2025-01-01&minHoldSeconds=60&sort=returnPct",
    );
  });
  it("keeps the tag filters, normalised and comma-separated, repeated keys joined", () => {
    const { filters } = filtersFromSearch(
      "?tag=Breakout,%20setup:Flag&tag=breakout&tagAll=a&tagAll=b&tagNone=setup:*&tag=,",
    );
    expect(filters).toEqual({ tag: "breakout,setup:flag", tagAll: "a,b", tagNone: "setup:*" });
    expect(searchFromFilters(filters)).toBe("?tag=breakout%2Csetup%3Aflag&tagAll=a%2Cb&tagNone=setup%3A*");
    expect(filtersFromSearch(searchFromFilters(filters)).filters).toEqual(filters);
    expect(tagsOfFilter(undefined)).toEqual([]);
    expect(tagsOfFilter(["Late Entry", "x,y"])).toEqual(["late-entry", "x", "y"]);
  });
  it("uses newest first by default and leaves it out of the URL", () => {
    expect(filtersFromSearch("?sort=evil").sort).toBe("-closedAt");
    expect(searchFromFilters({}, "-closedAt")).toBe("");
  });
  it("toggles a column descending, then ascending", () => {
    expect(toggleSort("-closedAt", "symbol")).toBe("-symbol");
    expect(toggleSort("-symbol", "symbol")).toBe("symbol");
    expect(toggleSort("symbol", "symbol")).toBe("-symbol");
  });
});
