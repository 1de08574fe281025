// Hostile input is refused with its own code while it is being fed, before it costs memory (flex-input-limits.ts).
// "Before memory grows" is shown by where the refusal comes: in the write() of the chunk that crosses the
// limit, while the tag, value or comment is still open, so nothing of the rest is ever buffered.
import { describe, expect, it } from "vitest";
import { readSample, sampleNames } from "../test-support/samples.ts";
import { createFlexParser, type FlexParser } from "./create-flex-parser.ts";
import { FlexFormatError } from "./flex-format-error.ts";
import { DEFAULT_FLEX_INPUT_LIMITS, type FlexInputLimits } from "./flex-input-limits.ts";
import { parseFlex } from "./parse-flex.ts";
import { tradesXml, tradeXml } from "./testing/build-flex-xml.ts";

const HEAD =
  '<?xml version="1.0"?><FlexQueryResponse><FlexStatements count="1"><FlexStatement accountId="U1">';

/** Feeds `chunks` in turn; returns the index of the chunk whose write() threw, and the error. */
function refusal(parser: FlexParser, chunks: Iterable<string>): { at: number; error: FlexFormatError } {
  let at = 0;
  for (const chunk of chunks) {
    try {
      parser.write(chunk);
    } catch (e) {
      expect(e).toBeInstanceOf(FlexFormatError);
      const error = e as FlexFormatError;
      expect(error.message).not.toMatch(/\n|\s at /);
      return { at, error };
    }
    at += 1;
  }
  throw new Error("expected a FlexFormatError while writing");
}

function* repeat(first: string, piece: string, times: number): Generator<string> {
  yield first;
  for (let i = 0; i < times; i++) yield piece;
}

function parserWith(limits: Partial<FlexInputLimits> = {}): FlexParser {
  return createFlexParser({ limits });
}

describe("hostile input is refused early, each limit with its own code", () => {
  it("nesting deeper than any statement: refused at the first tag past the limit", () => {
    const max = DEFAULT_FLEX_INPUT_LIMITS.maxDepth;
    // A million nested tags in 64k-tag chunks: the first chunk already crosses the limit.
    const { at, error } = refusal(createFlexParser(), repeat(HEAD, "<a>".repeat(65_536), 16));
    expect(at).toBe(1);
    expect(error.code).toBe("nesting-too-deep");
    expect(error.message).toContain(`more than ${max} deep`);
    // One level less than the limit is fine.
    const ok = `<FlexQueryResponse>${"<a>".repeat(max - 1)}${"</a>".repeat(max - 1)}</FlexQueryResponse>`;
    expect(parseFlex(ok).statements).toEqual([]);
    expect(() => parseFlex(`<FlexQueryResponse>${"<a>".repeat(max)}`)).toThrow(/more than 32 deep/);
  });

  it("too many attributes in one tag: refused while the tag is still being read", () => {
    const attrs = (from: number) =>
      Array.from({ length: 1000 }, (_, i) => ` a${from + i}="${from + i}"`).join("");
    const chunks = (function* () {
      yield `${HEAD}<Trades><Trade`;
      for (let i = 0; i < 1000; i++) yield attrs(i * 1000);
    })();
    const { at, error } = refusal(createFlexParser(), chunks);
    // The 1025th attribute is in the second chunk of attributes; the tag never ends.
    expect(at).toBe(2);
    expect(error.code).toBe("too-many-attributes");
    expect(error.message).toContain(`more than ${DEFAULT_FLEX_INPUT_LIMITS.maxAttributes} attributes`);
    // The limit is an option, and exactly the limit is fine.
    expect(() => parseFlex(tradesXml(tradeXml()), { limits: { maxAttributes: 23 } })).toThrow(
      /more than 23 attributes/,
    );
    expect(parseFlex(tradesXml(tradeXml()), { limits: { maxAttributes: 24 } }).executions).toHaveLength(1);
  });

  it("an over-long attribute value", () => {
    const long = "A".repeat(DEFAULT_FLEX_INPUT_LIMITS.maxAttributeChars + 1);
    const { error } = refusal(createFlexParser(), [tradesXml(tradeXml({ description: long }))]);
    expect(error.code).toBe("attribute-too-long");
    expect(error.message).toBe(
      "The attribute description is longer than 8192 characters; a Flex statement never comes close, so the file was not read.",
    );
    const fits = tradesXml(tradeXml({ description: long.slice(1) }));
    expect(parseFlex(fits).executions[0]?.description).toHaveLength(8192);
  });

  it.each([
    ["an attribute value", `${HEAD}<Trades><Trade description="`, "x".repeat(64 * 1024)],
    ["an element name", `${HEAD}<Trades><Trade`, "x".repeat(64 * 1024)],
    ["an attribute name", `${HEAD}<Trades><Trade `, "x".repeat(64 * 1024)],
    ["text between tags", `${HEAD}<Trades>`, "x".repeat(64 * 1024)],
    ["an entity name", `${HEAD}<Trades><Trade description="&`, "x".repeat(64 * 1024)],
    ["a comment with tags inside", `${HEAD}<!--`, "<a><b/>".repeat(9362)],
    ["a CDATA section with tags inside", `${HEAD}<Trades><![CDATA[`, "<a><b/>".repeat(9362)],
    ["a processing instruction", `${HEAD}<?pi `, "<a><b/>".repeat(9362)],
  ])("%s that grows past the markup limit is refused before it ends", (_what, head, piece) => {
    // 64 MB would follow; the refusal comes at the 17th chunk (1 MiB), and the piece never ends.
    const { at, error } = refusal(createFlexParser(), repeat(head, piece, 1024));
    expect(error.code).toBe("markup-too-long");
    expect(error.message).toContain(`longer than ${DEFAULT_FLEX_INPUT_LIMITS.maxMarkupChars} characters`);
    expect(at).toBeGreaterThanOrEqual(16);
    expect(at).toBeLessThanOrEqual(17);
  });

  it("a comment, CDATA or PI whose opener or terminator is split across chunks ends where saxes ends it", () => {
    const limits = { maxMarkupChars: 100 };
    // Comment content: "<!--" then ">" is not an end, "-->" is; split at every position.
    const doc = `<FlexQueryResponse><!--${"<x>".repeat(20)}--><!--${"y".repeat(50)}--><?pi ${"z".repeat(
      50,
    )}?><![CDATA[${"w".repeat(50)}]]></FlexQueryResponse>`;
    for (let cut = 1; cut < doc.length; cut++) {
      const parser = parserWith(limits);
      parser.write(doc.slice(0, cut));
      parser.write(doc.slice(cut));
      expect(parser.end().statements).toEqual([]);
    }
    // "<!-" + "->" reads "<!--" and then ">", not "-->": the comment goes on, tags inside it count.
    const parser = parserWith({ maxMarkupChars: 50 });
    parser.write("<FlexQueryResponse><!-");
    parser.write("->");
    expect(refusal(parser, ["<x>".repeat(30)]).error.code).toBe("markup-too-long");
  });

  it("more rows than the limit: refused at the first row past it", () => {
    const rows = Array.from({ length: 5 }, (_, i) => tradeXml({ transactionID: String(i + 1) }));
    const xml = tradesXml(...rows);
    // Root, FlexStatements, FlexStatement, Trades and five rows: nine elements.
    expect(parseFlex(xml, { limits: { maxRows: 9 } }).executions).toHaveLength(5);
    const { error } = refusal(parserWith({ maxRows: 8 }), [xml]);
    expect(error.code).toBe("too-many-rows");
    expect(error.message).toContain("more than 8 rows");
    expect(DEFAULT_FLEX_INPUT_LIMITS.maxRows).toBeGreaterThanOrEqual(1_000_000);
  });

  it("IB's error envelope keeps a bounded message however its text is split", () => {
    const text = `${"x".repeat(1000)}<!---->`.repeat(1000);
    const xml = `<FlexStatementResponse><Status>Fail</Status><ErrorCode>1012</ErrorCode><ErrorMessage>${text}</ErrorMessage></FlexStatementResponse>`;
    let message = "";
    try {
      parseFlex(xml);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("1012");
    expect(message.length).toBeLessThan(10_000);
  });

  it("every real sample reads under limits just above its own figures, fed in small uneven chunks", () => {
    // The samples' largest: nesting 5, 235 attributes, values of 184 and tags of 5,428 characters.
    const tight = { maxDepth: 5, maxAttributes: 235, maxAttributeChars: 184, maxMarkupChars: 5_500 };
    for (const name of sampleNames()) {
      const text = readSample(name);
      const parser = parserWith(tight);
      for (let i = 0, step = 1; i < text.length; i += step, step = 1 + ((step * 7 + 3) % 97)) {
        parser.write(text.slice(i, i + step));
      }
      const data = parser.end();
      expect(data, name).toEqual(parseFlex(text));
    }
  });
});
