import { describe, expect, it } from "vitest";
import { generateStatementWithTruth } from "./generate-statement-with-truth.ts";
import { readFlexXml, type XmlElement } from "./read-flex-xml.test-support.ts";

const { xml, truth } = generateStatementWithTruth({
  seed: 7,
  accounts: ["U1111111", "U2222222"],
  executions: 4_000,
  fromDate: "2025-01-02",
  toDate: "2025-12-31",
});
const elements = readFlexXml(xml);
const rows = (name: string): XmlElement[] => elements.filter((e) => e.name === name);
const accountOf = (e: XmlElement): string => e.attributes.accountId ?? "";

describe("generated statement content", () => {
  it("is well-formed XML with IB's root, statements and sections", () => {
    expect(elements[0]?.name).toBe("FlexQueryResponse");
    expect(elements[0]?.attributes.type).toBe("AF");
    expect(rows("FlexStatements")[0]?.attributes.count).toBe("2");
    const statement = rows("FlexStatement")[0]?.attributes;
    expect(statement).toMatchObject({
      accountId: "U1111111",
      fromDate: "20250102",
      toDate: "20251231",
      period: "Last365CalendarDays",
    });
    expect(statement?.whenGenerated).toMatch(/^\d{8};\d{6}$/);
    for (const section of [
      "AccountInformation",
      "OpenPositions",
      "Trades",
      "OptionEAE",
      "CorporateActions",
      "SecuritiesInfo",
      "TradeTransfers",
      "ConversionRates",
    ]) {
      expect(rows(section).filter((e) => e.path.at(-1) === "FlexStatement")).toHaveLength(2);
    }
  });

  it("ends each position where start + executions + splits leave it (OpenPositions agree)", () => {
    const net = new Map<string, number>(Object.entries(truth.startPositions));
    const add = (key: string, q: number) => net.set(key, (net.get(key) ?? 0) + q);
    for (const t of rows("Trade"))
      if (t.attributes.assetCategory !== "CASH")
        add(`${accountOf(t)}:${t.attributes.conid}`, Number(t.attributes.quantity));
    for (const c of rows("CorporateAction"))
      add(`${accountOf(c)}:${c.attributes.conid}`, Number(c.attributes.quantity));
    const expected = Object.fromEntries([...net].filter(([, q]) => q !== 0));
    const open = Object.fromEntries(
      rows("OpenPosition").map((p) => [
        `${accountOf(p)}:${p.attributes.conid}`,
        Number(p.attributes.position),
      ]),
    );
    expect(open).toEqual(expected);
    expect(open).toEqual(truth.endPositions);
    expect(rows("OpenPosition").every((p) => p.attributes.levelOfDetail === "SUMMARY")).toBe(true);
  });

  it("writes full Trade rows with unique increasing transactionIDs and IB-shaped values", () => {
    const trades = rows("Trade");
    const ids = trades.map((t) => Number(t.attributes.transactionID));
    expect(ids.every((id, i) => i === 0 || id > (ids[i - 1] ?? 0))).toBe(true);
    for (const t of trades) {
      const a = t.attributes;
      expect(a.dateTime).toMatch(/^\d{8};\d{6}$/);
      expect(a.levelOfDetail).toBe("EXECUTION");
      expect(Number(a.ibCommission)).toBeLessThanOrEqual(0);
      expect(a.dateTime?.slice(0, 8)).toBe(a.tradeDate);
      for (const key of [
        "accountId",
        "currency",
        "fxRateToBase",
        "symbol",
        "conid",
        "multiplier",
        "tradeID",
        "ibExecID",
        "openCloseIndicator",
        "fifoPnlRealized",
        "buySell",
        "origTradeID",
        "netCash",
        "proceeds",
      ]) {
        expect(a, key).toHaveProperty(key);
      }
      if (a.openCloseIndicator === "O") expect(a.fifoPnlRealized).toBe("0");
    }
  });

  it("covers the IB scenarios the importer must handle", () => {
    const trades = rows("Trade").map((t) => t.attributes);
    const has = (predicate: (a: Record<string, string>) => boolean) => trades.some(predicate);
    expect(has((a) => a.openCloseIndicator === "C;O")).toBe(true);
    expect(has((a) => a.notes === "Ep" && a.tradePrice === "0")).toBe(true);
    expect(has((a) => a.notes === "A" && a.assetCategory === "STK")).toBe(true);
    expect(has((a) => a.notes === "Ex")).toBe(true);
    expect(has((a) => a.assetCategory === "FUT" && a.multiplier === "50")).toBe(true);
    expect(has((a) => a.assetCategory === "FUT" && a.multiplier === "5")).toBe(true);
    expect(has((a) => a.assetCategory === "CASH" && a.symbol === "EUR.USD")).toBe(true);
    expect(new Set(trades.map((a) => a.currency))).toEqual(new Set(["USD", "EUR", "CHF"]));
    expect(has((a) => a.dateTime !== undefined && a.dateTime.slice(9) < "093000")).toBe(true);
    expect(has((a) => a.dateTime !== undefined && a.dateTime.slice(9) > "160000" && a.notes === "")).toBe(
      true,
    );
    expect(rows("CorporateAction").some((c) => c.attributes.type === "FS")).toBe(true);
    expect(rows("OptionEAE").map((e) => e.attributes.transactionType)).toEqual(
      expect.arrayContaining(["Expiration", "Assignment", "Exercise"]),
    );
  });

  it("cancels with TradeCancel/Ca pointing at the original tradeID, then rebooks that tradeID", () => {
    const trades = rows("Trade").map((t) => t.attributes);
    const cancels = trades.filter((a) => a.transactionType === "TradeCancel");
    expect(cancels.length).toBeGreaterThanOrEqual(2);
    for (const cancel of cancels) {
      const same = trades.filter((a) => a.tradeID === cancel.origTradeID && a.accountId === cancel.accountId);
      expect(same).toHaveLength(2);
      expect(Number(same[0]?.quantity)).toBe(-Number(cancel.quantity));
      expect(cancel.notes).toBe("Ca");
      expect(cancel.buySell).toMatch(/ \(Ca\.\)$/);
    }
  });

  it("escapes attribute values", () => {
    expect(rows("AccountInformation").map((a) => a.attributes.name)).toContain("Maria O'Neil");
    expect(rows("SecurityInfo").some((s) => s.attributes.description?.includes("&"))).toBe(true);
  });

  it("counts closed round trips", () => {
    expect(truth.closedRoundTrips).toBeGreaterThan(500);
    expect(truth.closedRoundTrips).toBeLessThan(truth.executionCount);
  });
});

describe("generator options", () => {
  it("writes yyyy-MM-dd dates, leaves out sections and keeps the given period", () => {
    const { xml: dashed } = generateStatementWithTruth({
      seed: 3,
      accounts: 1,
      executions: 200,
      fromDate: "2025-03-01",
      toDate: "2025-06-30",
      dateFormat: "yyyy-MM-dd",
      omitSections: ["OpenPositions", "TradeTransfers"],
      period: "",
      baseCurrency: "EUR",
    });
    const parsed = readFlexXml(dashed);
    expect(parsed.find((e) => e.name === "FlexStatement")?.attributes).toMatchObject({
      fromDate: "2025-03-01",
      period: "",
    });
    expect(parsed.find((e) => e.name === "Trade")?.attributes.dateTime).toMatch(
      /^\d{4}-\d{2}-\d{2};\d{2}:\d{2}:\d{2}$/,
    );
    expect(parsed.some((e) => e.name === "OpenPositions" || e.name === "TradeTransfers")).toBe(false);
    expect(parsed.find((e) => e.name === "AccountInformation")?.attributes.currency).toBe("EUR");
  });
});
