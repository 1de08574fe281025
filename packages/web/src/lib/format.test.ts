import { describe, expect, it } from "vitest";
import {
  EMPTY,
  executionAction,
  formatCalendarDate,
  formatCount,
  formatCountOf,
  formatDecimal,
  formatDuration,
  formatExchangeTime,
  formatLocalDateTime,
  formatMoney,
  formatPercent,
  formatR,
  formatRatio,
  formatShortDate,
  formatUtc,
  signOf,
} from "./format.ts";

const en = "en-US";

describe("formatMoney", () => {
  it("formats a decimal string in its currency without float drift", () => {
    expect(formatMoney("1234.5", "USD", { locale: en })).toBe("$1,234.50");
    expect(formatMoney("0.105", "USD", { locale: en })).toBe("$0.11");
    expect(formatMoney("90071992547409.99", "USD", { locale: en })).toBe("$90,071,992,547,409.99");
  });
  it("signs P&L when asked, but not zero", () => {
    expect(formatMoney("248", "USD", { locale: en, signed: true })).toBe("+$248.00");
    expect(formatMoney("-12.345", "EUR", { locale: en, signed: true })).toBe("-€12.35");
    expect(formatMoney("0", "USD", { locale: en, signed: true })).toBe("$0.00");
  });
  it("shows a dash for null and a plain number without a currency", () => {
    expect(formatMoney(null, "USD")).toBe(EMPTY);
    expect(formatMoney("5", null, { locale: en })).toBe("5.00");
    expect(formatMoney("not a number", "USD")).toBe(EMPTY);
  });
});

describe("formatPercent", () => {
  it("treats the string as already ×100", () => {
    expect(formatPercent("1.65333", { locale: en })).toBe("1.65%");
    expect(formatPercent("100", { locale: en })).toBe("100%");
    expect(formatPercent("-3.5", { locale: en, signed: true })).toBe("-3.5%");
    expect(formatPercent("3.5", { locale: en, signed: true })).toBe("+3.5%");
    expect(formatPercent(null)).toBe(EMPTY);
  });
  it("never shows a small non-zero value as 0%", () => {
    expect(formatPercent("0.004", { locale: en })).toBe("< 0.01%");
    expect(formatPercent("-0.0001", { locale: en, signed: true })).toBe("> -0.01%");
    expect(formatPercent("0.4", { locale: en, digits: 0 })).toBe("< 1%");
    expect(formatPercent("0", { locale: en, signed: true })).toBe("0%");
    expect(formatPercent("0.006", { locale: en })).toBe("0.01%");
  });
});

describe("ratios, counts, decimals", () => {
  it("formats them", () => {
    expect(formatRatio("1.98765", en)).toBe("1.99");
    expect(formatCount("12345", en)).toBe("12,345");
    expect(formatCount(7, en)).toBe("7");
    expect(formatDecimal("0.00012345", en)).toBe("0.00012345");
    expect(formatDecimal("-100", en, true)).toBe("-100");
    expect(formatDecimal("1,234.5", en)).toBe("1,234.5");
  });
});

describe("signOf", () => {
  it("reads the sign from the digits", () => {
    expect(signOf("12")).toBe("positive");
    expect(signOf("-0.01")).toBe("negative");
    expect(signOf("-0.000")).toBe("zero");
    expect(signOf("0")).toBe("zero");
    expect(signOf(null)).toBe("zero");
    expect(signOf("1e-9")).toBe("positive");
  });
});

describe("formatDuration", () => {
  it("uses the two largest units", () => {
    expect(formatDuration(0)).toBe("0s");
    expect(formatDuration(45)).toBe("45s");
    expect(formatDuration(725)).toBe("12m 5s");
    expect(formatDuration(8100)).toBe("2h 15m");
    expect(formatDuration(3600)).toBe("1h");
    expect(formatDuration(273_600)).toBe("3d 4h");
    expect(formatDuration("8100")).toBe("2h 15m");
    expect(formatDuration(null)).toBe(EMPTY);
  });
});

describe("times", () => {
  it("shows exchange time in New York, DST-aware", () => {
    expect(formatExchangeTime("2025-01-15T14:30:15Z", { locale: en })).toBe("Jan 15, 2025, 09:30:15 EST");
    expect(formatExchangeTime("2025-07-15T13:30:00Z", { locale: en, timeOnly: true })).toBe("09:30:00 EDT");
  });
  it("shortens list dates, with the year only when it is not the current one", () => {
    const now = new Date("2025-06-01T12:00:00Z");
    expect(formatShortDate("2025-01-15T14:30:15Z", en, now)).toBe("Jan 15");
    expect(formatShortDate("2024-12-31T23:30:00Z", en, now)).toBe("Dec 31, 2024");
  });
  it("gives sync times their zone", () => {
    expect(formatLocalDateTime("2025-01-15T21:10:00Z", en, "Europe/Berlin")).toBe(
      "Jan 15, 2025, 22:10 GMT+1",
    );
    expect(formatLocalDateTime("2025-07-15T21:10:00Z", en, "America/New_York")).toBe(
      "Jul 15, 2025, 17:10 EDT",
    );
  });
  it("puts a count's noun in the right number", () => {
    expect(formatCountOf(1, "trade", "trades", en)).toBe("1 trade");
    expect(formatCountOf("0", "trade", "trades", en)).toBe("0 trades");
    expect(formatCountOf("3003", "execution", "executions", en)).toBe("3,003 executions");
  });
  it("names expiries, assignments and exercises instead of a sell at 0", () => {
    expect(executionAction({ quantity: "-3", synthetic: "Expiration" })).toBe("Expired");
    expect(executionAction({ quantity: "3", synthetic: null, notes: ["Ep"] })).toBe("Expired");
    expect(executionAction({ quantity: "-1", synthetic: "Assignment" })).toBe("Assigned");
    expect(executionAction({ quantity: "-2", synthetic: null, notes: ["C"] })).toBe("Sell");
    expect(executionAction({ quantity: "2", synthetic: null })).toBe("Buy");
  });
  it("shows UTC as a secondary time", () => {
    expect(formatUtc("2025-01-15T14:30:15Z")).toBe("2025-01-15 14:30:15 UTC");
    expect(formatUtc("garbage")).toBe(EMPTY);
  });
  it("labels calendar days without shifting them", () => {
    expect(formatCalendarDate("2025-01-15", en)).toBe("Wed, Jan 15, 2025");
  });
});

describe("formatR", () => {
  it("signs an R-multiple and keeps at most 2 places", () => {
    expect(formatR("1.5", en)).toBe("+1.5R");
    expect(formatR("-0.333333", en)).toBe("-0.33R");
    expect(formatR("0", en)).toBe("0R");
    expect(formatR("2.000000", en)).toBe("+2R");
  });
  it("shows nothing to measure as a dash", () => {
    expect(formatR(null, en)).toBe(EMPTY);
  });
});
