// Contract "Query check": missingSections (element names), missingFields, the 365-day warning.
import { describe, expect, it } from "vitest";
import { checkQuery, el, flex, trade } from "./contract-kit.ts";

const ALL = [
  "AccountInformation",
  "CorporateActions",
  "SecuritiesInfo",
  "TradeTransfers",
  "OpenPositions",
  "OptionEAE",
  "Trades",
];

interface Opts {
  omit?: string[];
  empty?: boolean;
  fromDate?: string;
  toDate?: string;
  period?: string;
  account?: Record<string, string | undefined>;
  trades?: string[];
  accountId?: string;
}

function st(o: Opts = {}): string {
  const accountId = o.accountId ?? "U1234567";
  const bodies: Record<string, string> = {
    AccountInformation: el("AccountInformation", { accountId, currency: "USD", ...o.account }),
    CorporateActions: "<CorporateActions />",
    SecuritiesInfo: o.empty
      ? "<SecuritiesInfo />"
      : `<SecuritiesInfo>${el("SecurityInfo", { conid: "265598", symbol: "AAPL", assetCategory: "STK", multiplier: "1" })}</SecuritiesInfo>`,
    TradeTransfers: "<TradeTransfers></TradeTransfers>",
    OpenPositions: "<OpenPositions />",
    OptionEAE: "<OptionEAE />",
    Trades: `<Trades>${(o.trades ?? [trade({ accountId, transactionID: "1", fifoPnlRealized: "0" })]).join("")}</Trades>`,
  };
  const parts = ALL.filter((s) => !o.omit?.includes(s)).map((s) =>
    s === "AccountInformation" ? bodies[s] : bodies[s],
  );
  return el(
    "FlexStatement",
    {
      accountId,
      fromDate: o.fromDate ?? "20250101",
      toDate: o.toDate ?? "20251231",
      period: o.period ?? "LastYear",
      whenGenerated: "20260102;083000",
    },
    parts.join("\n"),
  );
}

describe("query check", () => {
  it("everything present over a full year: ok, nothing missing, no warnings", async () => {
    const r = await checkQuery(flex(st()));
    expect(r).toEqual({
      ok: true,
      missingSections: [],
      missingFields: [],
      // Recommended sections are listed but never make a query fail.
      missingRecommended: ["CashTransactions", "ChangeInNAV", "EquitySummaryInBase"],
      warnings: [],
    });
  });

  for (const section of ALL) {
    it(`missing ${section}: listed by element name, ok false, exit 0`, async () => {
      const r = await checkQuery(flex(st({ omit: [section] })));
      expect(r.ok).toBe(false);
      expect(r.missingSections).toEqual([section]);
    });
  }

  it("several missing sections listed", async () => {
    const r = await checkQuery(flex(st({ omit: ["OptionEAE", "TradeTransfers", "SecuritiesInfo"] })));
    expect([...r.missingSections].sort()).toEqual(["OptionEAE", "SecuritiesInfo", "TradeTransfers"]);
    expect(r.ok).toBe(false);
  });

  it("present-but-empty sections count as present", async () => {
    const r = await checkQuery(flex(st({ empty: true, trades: [] })));
    expect(r.missingSections).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it("Trades.dateTime missing when executions carry only a date", async () => {
    const r = await checkQuery(
      flex(
        st({
          trades: [
            trade({ transactionID: "1", dateTime: "20250303", fifoPnlRealized: "0" }),
            trade({
              transactionID: "2",
              dateTime: undefined,
              tradeDate: "20250304",
              quantity: "-100",
              fifoPnlRealized: "0",
            }),
          ],
        }),
      ),
    );
    expect(r.missingFields).toEqual(["Trades.dateTime"]);
    expect(r.ok).toBe(false);
  });

  it("tradeDate + tradeTime carries a time of day", async () => {
    const r = await checkQuery(
      flex(
        st({
          trades: [
            trade({
              transactionID: "1",
              dateTime: undefined,
              tradeDate: "20250303",
              tradeTime: "101500",
              fifoPnlRealized: "0",
            }),
          ],
        }),
      ),
    );
    expect(r.missingFields).toEqual([]);
  });

  it("AccountInformation.currency missing (attribute absent or empty)", async () => {
    for (const currency of [undefined, ""]) {
      const r = await checkQuery(flex(st({ account: { currency } })));
      expect(r.missingFields).toEqual(["AccountInformation.currency"]);
      expect(r.missingSections).toEqual([]);
      expect(r.ok).toBe(false);
    }
  });

  it("364 days (both counted) warns; 365 does not", async () => {
    const short = await checkQuery(flex(st({ fromDate: "20240101", toDate: "20241229", period: "" })));
    expect(short.warnings.length).toBeGreaterThan(0);
    expect(short.ok).toBe(true);
    const full = await checkQuery(flex(st({ fromDate: "20240101", toDate: "20241230", period: "" })));
    expect(full.warnings).toEqual([]);
    const dashed = await checkQuery(
      flex(st({ fromDate: "2025-01-02", toDate: "2025-12-31", period: "YearToDate" })),
    );
    expect(dashed.warnings.length).toBeGreaterThan(0);
    const dashedFull = await checkQuery(
      flex(st({ fromDate: "2025-01-01", toDate: "2025-12-31", period: "YearToDate" })),
    );
    expect(dashedFull.warnings).toEqual([]);
  });

  it("a short statement whose period is Last365CalendarDays does not warn", async () => {
    const r = await checkQuery(
      flex(st({ fromDate: "20250301", toDate: "20250310", period: "Last365CalendarDays" })),
    );
    expect(r.warnings).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it("a month-long statement warns but is still ok", async () => {
    const r = await checkQuery(flex(st({ fromDate: "20250301", toDate: "20250331", period: "LastMonth" })));
    expect(r.warnings.length).toBeGreaterThan(0);
    expect(r.ok).toBe(true);
  });

  it("a section missing from one of two statements is listed", async () => {
    const r = await checkQuery(flex(st(), st({ accountId: "U7654321", omit: ["OpenPositions"] })));
    expect(r.missingSections).toEqual(["OpenPositions"]);
    expect(r.ok).toBe(false);
  });
});
