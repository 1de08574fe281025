import { describe, expect, it } from "vitest";
import { readSample } from "../test-support/samples.ts";
import { createFlexParser } from "./create-flex-parser.ts";
import { FlexFormatError } from "./flex-format-error.ts";
import { parseFlex } from "./parse-flex.ts";
import { tradesXml, tradeXml } from "./testing/build-flex-xml.ts";

function errorOf(run: () => unknown): FlexFormatError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(FlexFormatError);
    const err = e as FlexFormatError;
    expect(err.message).not.toMatch(/\n|\s at /);
    return err;
  }
  throw new Error("expected a FlexFormatError");
}

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<FlexQueryResponse><FlexStatements count="1"><FlexStatement accountId="&lol9;"/></FlexStatements></FlexQueryResponse>`;

describe("unusable input is refused with a FlexFormatError", () => {
  it("DOCTYPE, even a harmless one", () => {
    const xml = tradesXml(tradeXml()).replace(
      "<FlexQueryResponse",
      '<!DOCTYPE FlexQueryResponse SYSTEM "x.dtd">\n<FlexQueryResponse',
    );
    expect(errorOf(() => parseFlex(xml)).code).toBe("doctype-forbidden");
  });

  it("billion laughs: refused at once, nothing expanded", () => {
    expect(errorOf(() => parseFlex(BILLION_LAUGHS)).code).toBe("doctype-forbidden");
    // "At once" without a stopwatch: the declaration alone is refused, before a single ENTITY or reference
    // has been read, so there is nothing that could have been expanded.
    const prefix = BILLION_LAUGHS.slice(0, BILLION_LAUGHS.indexOf("[") + 1);
    expect(prefix).not.toContain("ENTITY");
    expect(errorOf(() => createFlexParser().write(prefix)).code).toBe("doctype-forbidden");
  });

  it("an ENTITY declaration without DOCTYPE", () => {
    expect(errorOf(() => parseFlex('<!ENTITY x "y"><FlexQueryResponse/>')).code).toBe("doctype-forbidden");
  });

  it("a DOCTYPE split across chunks, before any row is processed", () => {
    const parser = createFlexParser();
    const err = errorOf(() => {
      parser.write('<?xml version="1.0"?><!DOC');
      parser.write('TYPE x [<!ENTITY a "b">]><FlexQueryResponse/>');
    });
    expect(err.code).toBe("doctype-forbidden");
    // The parser stays failed.
    expect(() => parser.end()).toThrow(FlexFormatError);
  });

  it("not XML at all", () => {
    expect(errorOf(() => parseFlex("accountId,symbol,quantity\nU1,AAPL,100\n")).code).toBe("malformed-xml");
    expect(errorOf(() => parseFlex('{"error": "json"}')).code).toBe("malformed-xml");
  });

  it("empty input", () => {
    expect(errorOf(() => parseFlex("")).code).toBe("malformed-xml");
    expect(errorOf(() => parseFlex("  \n")).code).toBe("malformed-xml");
  });

  it("malformed XML (mismatched tags, bad attribute)", () => {
    expect(errorOf(() => parseFlex("<FlexQueryResponse><A></B></FlexQueryResponse>")).code).toBe(
      "malformed-xml",
    );
    expect(errorOf(() => parseFlex('<FlexQueryResponse><A x="1" x="2"/></FlexQueryResponse>')).code).toBe(
      "malformed-xml",
    );
  });

  it.each([0.3, 0.5, 0.99])("a real statement cut at %f of its length is truncated", (fraction) => {
    const text = readSample("titov-vv_jal_ibkr.xml");
    const err = errorOf(() => parseFlex(text.slice(0, Math.floor(text.length * fraction))));
    expect(err.code).toBe("truncated");
  });

  it("another root element", () => {
    const err = errorOf(() => parseFlex("<html><body>Login</body></html>"));
    expect(err.code).toBe("not-flex-statement");
    expect(err.message).toContain("<html>");
  });

  it("IB's Flex Web Service error envelope carries IB's code and message", () => {
    const xml = `<FlexStatementResponse timestamp="28 August, 2025 09:12 AM EDT">
<Status>Fail</Status>
<ErrorCode>1012</ErrorCode>
<ErrorMessage>Token has expired.</ErrorMessage>
</FlexStatementResponse>`;
    const err = errorOf(() => parseFlex(xml));
    expect(err.code).toBe("flex-service-error");
    expect(err.message).toContain("1012");
    expect(err.message).toContain("Token has expired.");
  });

  it("a Web Service success envelope (reference code, no statement) is not a statement", () => {
    const xml =
      "<FlexStatementResponse><Status>Success</Status><ReferenceCode>1234567890</ReferenceCode>" +
      "<Url>https://example.invalid/GetStatement</Url></FlexStatementResponse>";
    const err = errorOf(() => parseFlex(xml));
    expect(err.code).toBe("not-flex-statement");
    expect(err.message).not.toContain("1234567890");
  });

  it("a UTF-8 byte-order mark and CRLF line ends are fine", () => {
    const xml = `\uFEFF${tradesXml(tradeXml()).replaceAll("\n", "\r\n")}`;
    expect(parseFlex(xml).executions).toHaveLength(1);
  });
});
