// Rows are read through shared attribute layouts (row-attributes.ts) instead of saxes's object per tag: rows
// whose names or order differ must still read right, and a name twice in a tag must stay a well-formedness error.
import { describe, expect, it } from "vitest";
import { decimalString } from "../money.ts";
import { FlexFormatError } from "./flex-format-error.ts";
import { DEFAULT_FLEX_INPUT_LIMITS } from "./flex-input-limits.ts";
import { parseFlex } from "./parse-flex.ts";
import { AttributeCollector } from "./row-attributes.ts";
import {
  element,
  STATEMENT_DEFAULTS,
  TRADE_DEFAULTS,
  tradesXml,
  tradeXml,
} from "./testing/build-flex-xml.ts";

describe("row attributes", () => {
  it("reads rows whose attributes change order, go missing or come back between rows", () => {
    const reversed = Object.fromEntries(
      Object.entries({ ...TRADE_DEFAULTS, transactionID: "2", quantity: "-40" }).reverse(),
    );
    const data = parseFlex(
      tradesXml(
        tradeXml({ transactionID: "1", quantity: "100" }),
        element("Trade", reversed),
        tradeXml({ transactionID: "3", quantity: "7" }, ["fifoPnlRealized", "notes"]),
        tradeXml({ transactionID: "4", quantity: "-67", fifoPnlRealized: "12.5" }),
      ),
    );
    expect(data.issues).toEqual([]);
    expect(
      data.executions.map((e) => [
        e.transactionId,
        decimalString(e.quantity),
        e.fifoPnlRealized === null ? null : decimalString(e.fifoPnlRealized),
      ]),
    ).toEqual([
      ["1", "100", "0"],
      ["2", "-40", "0"],
      ["3", "7", null],
      ["4", "-67", "12.5"],
    ]);
  });

  it("hands on values with saxes's entity and whitespace handling", () => {
    const data = parseFlex(tradesXml(tradeXml({ description: 'AT&T "INC" <B>', symbol: " T " })));
    expect(data.executions.map((e) => [e.description, e.symbol])).toEqual([['AT&T "INC" <B>', "T"]]);
  });

  it("refuses a tag that names an attribute twice, as malformed XML", () => {
    const row = tradeXml({ transactionID: "1" }).replace("<Trade ", '<Trade quantity="5" ');
    const error = (() => {
      try {
        parseFlex(tradesXml(row));
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(FlexFormatError);
    expect((error as FlexFormatError).code).toBe("malformed-xml");
    expect((error as FlexFormatError).message).toContain("duplicate attribute: quantity");
  });

  it("refuses a duplicate also in a tag whose other names match a layout seen before", () => {
    const ok = element("FlexStatement", STATEMENT_DEFAULTS, "");
    const twice = ok.replace("<FlexStatement ", '<FlexStatement period="x" ');
    const xml = `<FlexQueryResponse><FlexStatements count="2">${ok}${twice}</FlexStatements></FlexQueryResponse>`;
    expect(() => parseFlex(xml)).toThrow(/duplicate attribute: period/);
  });

  it("gives each row exactly its own values: nothing of a longer row before it", () => {
    const c = new AttributeCollector(DEFAULT_FLEX_INPUT_LIMITS);
    c.push("a", "1");
    c.push("b", "2");
    c.push("c", "3");
    expect(c.finish()).toBeNull();
    expect(c.row.names()).toEqual(["a", "b", "c"]);
    c.push("a", "9");
    expect(c.finish()).toBeNull();
    expect(c.row.names()).toEqual(["a"]);
    expect(c.row.values).toEqual(["9"]);
    expect([c.row.get("a"), c.row.get("b"), c.row.get("c")]).toEqual(["9", undefined, undefined]);
  });
});
