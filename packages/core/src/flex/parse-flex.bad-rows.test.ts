import { describe, expect, it } from "vitest";
import { decimalString } from "../money.ts";
import { parseFlex } from "./parse-flex.ts";
import { element, flexXml, statementXml, tradesXml, tradeXml } from "./testing/build-flex-xml.ts";

describe("a bad row is skipped with an issue; the rest is parsed", () => {
  it("quantity=abc at Trade[7]", () => {
    const rows = Array.from({ length: 10 }, (_, i) =>
      tradeXml({ transactionID: String(i), quantity: i === 7 ? "abc" : "10" }),
    );
    const data = parseFlex(tradesXml(...rows));
    expect(data.executions.map((e) => e.transactionId)).toEqual([
      "0",
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "8",
      "9",
    ]);
    expect(data.issues).toEqual([
      {
        code: "invalid-number",
        path: "FlexStatement[0].Trades.Trade[7].quantity",
        message: 'quantity "abc" is not a number; row skipped',
      },
    ]);
  });

  it.each([
    [{ tradePrice: "1.2.3" }, "invalid-number", "tradePrice"],
    [{ ibCommission: "NaN" }, "invalid-number", "ibCommission"],
    [{ fxRateToBase: "0x10" }, "invalid-number", "fxRateToBase"],
    [{ multiplier: "Infinity" }, "invalid-number", "multiplier"],
    // An exponent that would make every later sum build a power of ten with a billion digits.
    [{ tradePrice: "1e999999999" }, "invalid-number", "tradePrice"],
    [{ dateTime: "yesterday" }, "invalid-date", "dateTime"],
    [{ dateTime: "20251301;093000" }, "invalid-date", "dateTime"],
    [{ dateTime: "20250230" }, "invalid-date", "dateTime"],
    [{ tradeDate: "MULTI" }, "invalid-date", "tradeDate"],
    [{ quantity: "" }, "missing-field", "quantity"],
  ])("%o → %s on %s", (overrides, code, field) => {
    const data = parseFlex(
      tradesXml(tradeXml({ transactionID: "1", ...overrides }), tradeXml({ transactionID: "2" })),
    );
    expect(data.executions.map((e) => e.transactionId)).toEqual(["2"]);
    expect(data.issues).toHaveLength(1);
    expect(data.issues[0]).toMatchObject({ code, path: `FlexStatement[0].Trades.Trade[0].${field}` });
  });

  it("a row with neither conid nor symbol", () => {
    const data = parseFlex(tradesXml(tradeXml({ conid: "", symbol: "--" })));
    expect(data.executions).toEqual([]);
    expect(data.issues).toEqual([
      {
        code: "missing-instrument",
        path: "FlexStatement[0].Trades.Trade[0]",
        message: "row has neither conid nor symbol; row skipped",
      },
    ]);
  });

  it("paths count statements and rows of each section", () => {
    const data = parseFlex(
      flexXml(
        statementXml("<Trades />"),
        statementXml(
          `<OpenPositions>${element("OpenPosition", { conid: "1", symbol: "A", position: "5" })}${element(
            "OpenPosition",
            { conid: "2", symbol: "B", position: "five" },
          )}</OpenPositions>`,
        ),
      ),
    );
    expect(data.openPositions).toHaveLength(1);
    expect(data.issues[0]?.path).toBe("FlexStatement[1].OpenPositions.OpenPosition[1].position");
  });

  it("an unreadable header date is an issue, not a failure", () => {
    const data = parseFlex(flexXml(statementXml("<Trades />", { toDate: "soon" })));
    expect(data.statements[0]?.toDate).toBeNull();
    expect(data.issues).toEqual([
      {
        code: "invalid-date",
        path: "FlexStatement[0].toDate",
        message: 'toDate "soon" is not a readable date; ignored',
      },
    ]);
  });
});

describe("null markers and number formats", () => {
  it.each(["", "--", "N/A", "-", "  "])("accountId %j falls back to the statement's", (accountId) => {
    const data = parseFlex(tradesXml(tradeXml({ accountId })));
    expect(data.executions[0]?.accountId).toBe("U1234567");
  });

  it("rows without any accountId (trimmed-down queries) use the statement's", () => {
    const data = parseFlex(
      flexXml(statementXml(`<Trades>${tradeXml({}, ["accountId"])}</Trades>`, { accountId: "U0000000" })),
    );
    expect(data.executions[0]?.accountId).toBe("U0000000");
  });

  it.each(["", "--", "N/A", "-"])("null marker %j reads as absent", (v) => {
    const [e] = parseFlex(
      tradesXml(
        tradeXml({ fifoPnlRealized: v, origTradeID: v, exchange: v, ibCommission: v, notes: v, conid: v }),
      ),
    ).executions;
    expect(e?.fifoPnlRealized).toBeNull();
    expect(e?.origTradeId).toBeNull();
    expect(e?.exchange).toBeNull();
    expect(e?.conid).toBeNull();
    expect(e?.notes).toEqual([]);
    expect(e && decimalString(e.commission)).toBe("0");
  });

  it("thousands separators and fractional quantities are exact", () => {
    const [e] = parseFlex(
      tradesXml(
        tradeXml({
          quantity: "-1,143.28313142",
          tradePrice: "1,808.56",
          fifoPnlRealized: "-12,345,678.123456789",
        }),
      ),
    ).executions;
    expect(
      e && [decimalString(e.quantity), decimalString(e.price), decimalString(e.fifoPnlRealized!)],
    ).toEqual(["-1143.28313142", "1808.56", "-12345678.123456789"]);
  });

  it("notes are split on ';' and trimmed, empty codes dropped", () => {
    expect(parseFlex(tradesXml(tradeXml({ notes: " C ; P ;;Ep; " }))).executions[0]?.notes).toEqual([
      "C",
      "P",
      "Ep",
    ]);
  });
});
