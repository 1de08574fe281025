// first-books.ts off the database: a worker thread builds exactly the books of an in-process build, small
// statements stay in the import, and a worker that fails hands the build back instead of failing the import.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { encodeTradeBook, parseFlex } from "@closeout/core";
import { describe, expect, it, vi } from "vitest";
import type { FirstStatement } from "../db/import-flex-data.ts";
import { booksByIbAccount } from "./books-by-ib-account.ts";
import { FIRST_BOOKS_WORKER_MIN_EXECUTIONS, startFirstBooks } from "./first-books.ts";

const SAMPLE = fileURLToPath(
  new URL("../../../../../shared/flex-samples/titov-vv_jal_ibkr.xml", import.meta.url),
);

function firstStatement(rawXml: string): FirstStatement {
  const data = parseFlex(rawXml);
  return { data, rawXml, ibAccountIds: [...new Set(data.executions.map((e) => e.accountId))].sort() };
}

describe("first-books", () => {
  it("builds on a worker thread the very books an in-process build gives", async () => {
    const first = firstStatement(readFileSync(SAMPLE, "utf8"));
    const packed = await startFirstBooks(first, 0);
    expect(packed).not.toBeNull();
    const expected = booksByIbAccount(first.data);
    expect([...(packed?.keys() ?? [])].sort()).toEqual([...expected.keys()].sort());
    for (const [ib, book] of expected) {
      const got = packed?.get(ib);
      expect(got?.tradeCount).toBe(book.trades.length);
      expect(gunzipSync(got?.gzip ?? new Uint8Array()).toString("utf8")).toBe(encodeTradeBook(book));
    }
  });

  it("leaves a statement below the threshold to the import", async () => {
    const first = firstStatement(readFileSync(SAMPLE, "utf8"));
    expect(first.data.executions.length).toBeLessThan(FIRST_BOOKS_WORKER_MIN_EXECUTIONS);
    expect(startFirstBooks(first)).toBeNull();
  });

  it("gives the build back, with a warning, when the worker fails", async () => {
    const first = { ...firstStatement(readFileSync(SAMPLE, "utf8")), rawXml: "<FlexQueryResponse><broken" };
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const started = startFirstBooks(first, 0);
      expect(started).not.toBeNull();
      expect(await started).toBeNull();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toMatch(/worker thread failed .*building them in the import/);
    } finally {
      warn.mockRestore();
    }
  });
});
