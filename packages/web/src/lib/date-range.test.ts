import { describe, expect, it } from "vitest";
import { datesOf, exchangeToday, scopeFilters, scopeFromSearch, searchWithScope } from "./date-range.ts";

describe("date ranges", () => {
  it("resolves presets against the exchange's today", () => {
    const today = "2026-03-05";
    expect(datesOf({ range: "all" }, today)).toEqual({});
    expect(datesOf({ range: "month" }, today)).toEqual({ from: "2026-03-01", to: today });
    expect(datesOf({ range: "30d" }, today)).toEqual({ from: "2026-02-04", to: today });
    expect(datesOf({ range: "ytd" }, today)).toEqual({ from: "2026-01-01", to: today });
    expect(datesOf({ range: "last-year" }, today)).toEqual({ from: "2025-01-01", to: "2025-12-31" });
    expect(scopeFilters({ range: "custom", from: "2025-02-01", account: "U1" }, today)).toEqual({
      from: "2025-02-01",
      account: "U1",
    });
  });
  it("takes today in New York, not the browser's zone", () => {
    // 03:00 UTC on 1 Jan is still 31 Dec in New York.
    expect(exchangeToday(new Date("2026-01-01T03:00:00Z"))).toBe("2025-12-31");
  });
  it("round-trips through the URL, keeping other parameters", () => {
    const search = searchWithScope("?by=underlying", { range: "custom", from: "2025-01-02", account: "U9" });
    expect(search).toBe("?by=underlying&range=custom&from=2025-01-02&account=U9");
    expect(scopeFromSearch(search)).toEqual({ range: "custom", from: "2025-01-02", account: "U9" });
    expect(scopeFromSearch("?range=ytd&from=2020-01-01")).toEqual({ range: "ytd" });
    expect(scopeFromSearch("?from=2025-01-02")).toEqual({ range: "custom", from: "2025-01-02" });
    expect(scopeFromSearch("?range=bogus&from=x")).toEqual({ range: "all" });
    expect(searchWithScope("?range=ytd", { range: "all" })).toBe("");
  });
});
