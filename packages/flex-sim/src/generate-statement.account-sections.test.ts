// The account sections (issue #16): opt-in, deterministic per seed, and written beside the same trades; NAV
// rows are daily from the weekday before the window, and the cash rows move the NAV they are booked on.
import { describe, expect, it } from "vitest";
import { generateStatement } from "./generate-statement.ts";
import { generateStatementWithTruth } from "./generate-statement-with-truth.ts";

const options = {
  seed: 11,
  accounts: 2,
  executions: 800,
  fromDate: "2025-01-02",
  toDate: "2025-06-30",
} as const;

const section = (xml: string, name: string) =>
  (xml.match(new RegExp(`<${name}>[\\s\\S]*?</${name}>`, "g")) ?? []).join("");

describe("generateStatement with account sections", () => {
  it("leaves them out by default and writes the very same trades with them", () => {
    const plain = generateStatement(options);
    const full = generateStatement({ ...options, accountSections: true });
    expect(plain).not.toContain("<CashTransactions>");
    expect(full).toContain("<CashTransactions>");
    expect(section(full, "Trades")).toBe(section(plain, "Trades"));
    expect(section(full, "OpenPositions")).toBe(section(plain, "OpenPositions"));
    expect(generateStatement({ ...options, accountSections: true })).toBe(full);
  });

  it("writes a NAV row per weekday from the day before the window and IB's twr per account", () => {
    const { xml, truth } = generateStatementWithTruth({ ...options, accountSections: true });
    expect(truth.executionCount).toBeGreaterThan(0);
    const navDates = [
      ...xml.matchAll(/<EquitySummaryByReportDateInBase accountId="(\w+)"[^>]* reportDate="(\d+)"/g),
    ];
    const firstAccount = navDates.filter((m) => m[1] === navDates[0]?.[1]).map((m) => m[2]);
    // 2025-01-01 (the weekday before 2 January) to 30 June: 129 weekdays.
    expect(firstAccount[0]).toBe("20250101");
    expect(firstAccount.at(-1)).toBe("20250630");
    expect(firstAccount).toHaveLength(129);
    const changes = [
      ...xml.matchAll(/<ChangeInNAV [^>]*fromDate="20250102" toDate="20250630"[^>]* twr="(-?\d+\.\d{9})"/g),
    ];
    expect(changes).toHaveLength(2);
    const types = new Set([...xml.matchAll(/<CashTransaction [^>]* type="([^"]+)"/g)].map((m) => m[1]));
    for (const type of ["Deposits/Withdrawals", "Dividends", "Withholding Tax", "Other Fees"])
      expect(types).toContain(type);
    // One dividend is booked twice and reversed: a negative Dividends row.
    expect(xml).toMatch(/amount="-[\d.]+" type="Dividends"/);
  });
});
