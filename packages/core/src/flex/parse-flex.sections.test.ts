import { describe, expect, it } from "vitest";
import { decimalString } from "../money.ts";
import { parseFlex } from "./parse-flex.ts";
import { element, flexXml, statementXml, tradeXml } from "./testing/build-flex-xml.ts";

describe("other sections", () => {
  it("OptionEAE: keeps Expiration/Assignment/Exercise, drops the delivered Buy/Sell rows", () => {
    const row = (type: string, extra: Record<string, string> = {}) =>
      element("OptionEAE", {
        accountId: "U1",
        conid: "386346364",
        symbol: "XOM   220121C00042500",
        assetCategory: "OPT",
        multiplier: "100",
        strike: "42.5",
        expiry: "20220121",
        putCall: "C",
        date: "20210511",
        transactionType: type,
        quantity: "1",
        ...extra,
      });
    const data = parseFlex(
      flexXml(
        statementXml(
          `<OptionEAE>${row("Assignment")}${row("Sell", { conid: "13977", quantity: "-100" })}${row(
            "Expiration",
            {
              date: "2025-09-19;16:20:00",
              quantity: "-2",
            },
          )}${row("Exercise", { quantity: "1,000" })}${row("Buy")}</OptionEAE>`,
        ),
      ),
    );
    expect(data.optionEvents.map((e) => [e.type, e.date, decimalString(e.quantity), e.accountId])).toEqual([
      ["Assignment", "2021-05-11", "1", "U1"],
      ["Expiration", "2025-09-19", "-2", "U1"],
      ["Exercise", "2021-05-11", "1000", "U1"],
    ]);
    expect(data.statements[0]?.sections).toEqual(["OptionEAE"]);
  });

  it("CorporateActions: position-changing types at DETAIL (or no) level; SUMMARY rows skipped", () => {
    const ca = (extra: Record<string, string>) =>
      element("CorporateAction", {
        accountId: "U1",
        conid: "665375414",
        symbol: "ZT0",
        description: "ZT0(US9279591062) CUSIP/ISIN CHANGE TO (US64361Q1013) (ZT0, VIPER, US9279591062)",
        dateTime: "20250818",
        quantity: "-24",
        type: "IC",
        actionID: "157743720",
        ...extra,
      });
    const data = parseFlex(
      flexXml(
        statementXml(
          `<CorporateActions>${ca({ levelOfDetail: "SUMMARY", accountId: "-" })}${ca({ levelOfDetail: "DETAIL" })}${ca(
            {
              levelOfDetail: "DETAIL",
              type: "TC",
            },
          )}${ca({ type: "RS", dateTime: "20201116;202500" })}${ca({ type: "" })}</CorporateActions>`,
        ),
      ),
    );
    expect(data.corporateActions.map((c) => [c.type, c.time, c.dateTimeRaw, c.actionId])).toEqual([
      ["IC", "2025-08-18T04:00:00Z", "20250818", "157743720"],
      ["RS", "2020-11-17T01:25:00Z", "20201116;202500", "157743720"],
    ]);
  });

  it("OpenPositions: SUMMARY or level-less rows; LOT rows skipped; statement index recorded", () => {
    const op = (extra: Record<string, string>) =>
      element("OpenPosition", {
        accountId: "U1",
        conid: "272093",
        symbol: "MSFT",
        position: "1,050",
        ...extra,
      });
    const data = parseFlex(
      flexXml(
        statementXml(
          `<OpenPositions>${op({ levelOfDetail: "SUMMARY" })}${op({ levelOfDetail: "LOT" })}${op({})}</OpenPositions>`,
        ),
      ),
      { statementIndexStart: 4 },
    );
    expect(data.openPositions.map((p) => [decimalString(p.position), p.statementIndex])).toEqual([
      ["1050", 4],
      ["1050", 4],
    ]);
  });

  it("SecuritiesInfo, ConversionRates (rate -1 = no rate), TradeTransfers and Transfers", () => {
    const data = parseFlex(
      flexXml(
        statementXml(
          `<SecuritiesInfo>${element("SecurityInfo", { conid: "495512557", symbol: "ESH5", assetCategory: "FUT", multiplier: "50", currency: "USD" })}</SecuritiesInfo>` +
            `<ConversionRates>${element("ConversionRate", { reportDate: "20230201", fromCurrency: "EUR", toCurrency: "USD", rate: "1.0871" })}` +
            `${element("ConversionRate", { reportDate: "20230201", fromCurrency: "BGN", toCurrency: "USD", rate: "-1" })}</ConversionRates>` +
            `<TradeTransfers>${element("TradeTransfer", { accountId: "U1", conid: "265598", symbol: "AAPL", tradeDate: "20250301", quantity: "10", direction: "IN" })}</TradeTransfers>` +
            `<Transfers>${element("Transfer", { accountId: "U1", assetCategory: "CASH", symbol: "--", conid: "", date: "20230915", quantity: "0", direction: "OUT" })}</Transfers>`,
        ),
      ),
    );
    expect(data.securities.map((s) => [s.conid, s.multiplier && decimalString(s.multiplier)])).toEqual([
      ["495512557", "50"],
    ]);
    expect(
      data.conversionRates.map((r) => [r.reportDate, r.fromCurrency, r.toCurrency, decimalString(r.rate)]),
    ).toEqual([["2023-02-01", "EUR", "USD", "1.0871"]]);
    expect(data.transfers.map((t) => [t.kind, t.date, t.symbol, t.direction])).toEqual([
      ["TradeTransfer", "2025-03-01", "AAPL", "IN"],
      ["Transfer", "2023-09-15", "", "OUT"],
    ]);
    expect(data.issues).toEqual([]);
  });

  it("several statements and accounts: all kept; accounts deduped preferring a known base currency", () => {
    const info = (id: string, currency: string) => element("AccountInformation", { accountId: id, currency });
    const data = parseFlex(
      flexXml(
        statementXml(`${info("U1", "")}<Trades>${tradeXml({ accountId: "U1" })}</Trades>`, {
          accountId: "U1",
        }),
        statementXml(`${info("U2", "EUR")}<Trades />`, { accountId: "U2" }),
        statementXml(`${info("U1", "USD")}<Trades>${tradeXml({ accountId: "U1" })}</Trades>`, {
          accountId: "U1",
        }),
      ),
    );
    expect(data.statements.map((s) => s.accountId)).toEqual(["U1", "U2", "U1"]);
    expect(data.executions).toHaveLength(2);
    expect(data.accounts.map((a) => [a.accountId, a.baseCurrency])).toEqual([
      ["U1", "USD"],
      ["U2", "EUR"],
    ]);
    expect(data.shape.accountCurrencyPresent).toBe(false);
  });

  it("records section names directly under FlexStatement only (present-but-empty counts, nested ones do not)", () => {
    const data = parseFlex(
      flexXml(
        statementXml(
          '<AccountInformation accountId="U1" currency="USD" /><FxPositions><FxPosition><Inner /></FxPosition></FxPositions>' +
            "<Trades></Trades><OptionEAE/><MysterySection><Trade quantity='x' /></MysterySection>",
        ),
      ),
    );
    expect(data.statements[0]?.sections).toEqual([
      "AccountInformation",
      "FxPositions",
      "Trades",
      "OptionEAE",
      "MysterySection",
    ]);
    expect(data.shape.sections).toEqual(data.statements[0]?.sections);
    expect(data.issues).toEqual([]);
  });
});
