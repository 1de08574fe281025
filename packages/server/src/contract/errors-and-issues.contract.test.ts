// Contract "Commands": unusable input exits 2 with one stderr line (and a JSON error with --json); bad rows
// become issues while the rest is parsed.
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  cli,
  expectTrade,
  flex,
  report,
  statement,
  tempDir,
  trade,
  tradesFile,
  writeTemp,
} from "./contract-kit.ts";

const good = tradesFile([trade({ transactionID: "1", quantity: "10" })]);

async function expectUnusable(args: string[]): Promise<void> {
  for (const command of ["report", "check-query"]) {
    const withJson = await cli([command, ...args, "--json"]);
    expect(withJson.code, `${command} exit`).toBe(2);
    const lines = withJson.stderr.trimEnd().split("\n");
    expect(lines, `${command} stderr: ${withJson.stderr}`).toHaveLength(1);
    expect(lines[0]?.length).toBeGreaterThan(0);
    expect(withJson.stderr).not.toMatch(/\n\s+at /);
    expect(withJson.json, `${command} stdout: ${withJson.stdout}`).not.toBeNull();
    expect(Object.keys(withJson.json)).toEqual(["error"]);
    expect(Object.keys(withJson.json.error).sort()).toEqual(["code", "message"]);
    expect(typeof withJson.json.error.code).toBe("string");
    expect(typeof withJson.json.error.message).toBe("string");
    const plain = await cli([command, ...args]);
    expect(plain.code).toBe(2);
    expect(plain.stderr.trimEnd().split("\n")).toHaveLength(1);
  }
}

describe("unusable input", () => {
  it("not XML", async () => expectUnusable([writeTemp("this is not xml, just text\n")]));
  it("an HTML error page", async () =>
    expectUnusable([writeTemp("<html><body><h1>502 Bad Gateway</h1></body></html>")]));
  it("truncated", async () => expectUnusable([writeTemp(good.slice(0, Math.floor(good.length * 0.6)))]));
  it("truncated after the last complete row", async () =>
    expectUnusable([writeTemp(good.slice(0, good.indexOf("</Trades>")))]));
  it("empty file", async () => expectUnusable([writeTemp("")]));
  it("not a FlexQueryResponse (IB's FlexStatementResponse error)", async () =>
    expectUnusable([
      writeTemp(
        '<FlexStatementResponse timestamp="14 March, 2025 10:00 AM EST"><Status>Fail</Status><ErrorCode>1019</ErrorCode><ErrorMessage>Statement generation in progress. Please try again shortly.</ErrorMessage></FlexStatementResponse>',
      ),
    ]));
  it("a DOCTYPE", async () =>
    expectUnusable([
      writeTemp(
        `<?xml version="1.0"?>\n<!DOCTYPE FlexQueryResponse>\n${good.replace(/^<\?xml[^>]*>\n/, "")}`,
      ),
    ]));
  it("an ENTITY (never expanded)", async () =>
    expectUnusable([
      writeTemp(
        `<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n${good.replace(/^<\?xml[^>]*>\n/, "").replace('queryName="contract"', 'queryName="&b;"')}`,
      ),
    ]));
  it("an external entity", async () =>
    expectUnusable([
      writeTemp(
        `<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n${good.replace(/^<\?xml[^>]*>\n/, "").replace('queryName="contract"', 'queryName="&x;"')}`,
      ),
    ]));
  it("a missing file", async () => expectUnusable([join(tempDir(), "does-not-exist.xml")]));
  it("a directory", async () => expectUnusable([mkdtempSync(join(tempDir(), "dir-"))]));
  it("one good file and one unusable file", async () => {
    const r = await cli(["report", writeTemp(good), writeTemp("garbage"), "--json"]);
    expect(r.code).toBe(2);
    expect(Object.keys(r.json)).toEqual(["error"]);
  });
});

describe("bad rows", () => {
  it('quantity="abc": skipped, issue {code, path, message}, the rest parsed', async () => {
    const j = await report(
      tradesFile([
        trade({
          transactionID: "1",
          dateTime: "20250303;100000",
          quantity: "10",
          tradePrice: "50",
          ibCommission: "0",
        }),
        trade({
          transactionID: "2",
          dateTime: "20250303;110000",
          quantity: "abc",
          tradePrice: "50",
          ibCommission: "0",
        }),
        trade({
          transactionID: "3",
          dateTime: "20250304;100000",
          quantity: "-10",
          tradePrice: "55",
          ibCommission: "0",
        }),
      ]),
    );
    expect(j.trades).toHaveLength(1);
    expectTrade(j.trades[0], { realizedPnl: "50", executionIds: ["1", "3"] });
    expect(j.issues).toHaveLength(1);
    expect(Object.keys(j.issues[0]).sort()).toEqual(["code", "message", "path"]);
    expect(j.issues[0].code).toBe("invalid-number");
    expect(typeof j.issues[0].path).toBe("string");
    expect(j.issues[0].message).toContain("abc");
  });

  it("bad price, bad time and bad commission each skip their row with an issue", async () => {
    const j = await report(
      flex(
        statement({
          trades: [
            trade({
              transactionID: "1",
              dateTime: "20250303;100000",
              quantity: "10",
              tradePrice: "50",
              ibCommission: "0",
            }),
            trade({
              transactionID: "4",
              dateTime: "20250303;100500",
              quantity: "10",
              tradePrice: "5o.00",
              ibCommission: "0",
            }),
            trade({
              transactionID: "5",
              dateTime: "2025-13-45;25:61:00",
              quantity: "10",
              tradePrice: "50",
              ibCommission: "0",
            }),
            trade({
              transactionID: "6",
              dateTime: "20250303;101000",
              quantity: "10",
              tradePrice: "50",
              ibCommission: "one",
            }),
            trade({
              transactionID: "3",
              dateTime: "20250304;100000",
              quantity: "-10",
              tradePrice: "55",
              ibCommission: "0",
            }),
          ],
        }),
      ),
    );
    expect(j.trades).toHaveLength(1);
    expectTrade(j.trades[0], { realizedPnl: "50", executionIds: ["1", "3"] });
    expect(j.issues).toHaveLength(3);
    for (const i of j.issues) {
      expect(typeof i.code).toBe("string");
      expect(typeof i.path).toBe("string");
      expect(typeof i.message).toBe("string");
    }
    expect(j.openPositions).toEqual([]);
  });
});
