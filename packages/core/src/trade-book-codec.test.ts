import { describe, expect, it } from "vitest";
import { parseFlex } from "./flex/index.ts";
import { Decimal } from "./money.ts";
import type { RoundTrip } from "./report-types.ts";
import { computeStats } from "./stats/index.ts";
import { readSample, sampleNames } from "./test-support/samples.ts";
import { decodeTradeBook, encodeTradeBook, TRADE_BOOK_FORMAT } from "./trade-book-codec.ts";
import { buildTrades } from "./trades/index.ts";

describe("trade book codec", () => {
  it("decodes every shared sample's book to exactly the built book, and the statistics agree", () => {
    let trades = 0;
    for (const name of sampleNames()) {
      const book = buildTrades(parseFlex(readSample(name)));
      const decoded = decodeTradeBook(encodeTradeBook(book));
      expect(decoded.trades, name).toEqual(book.trades);
      expect(decoded.openPositions, name).toEqual(book.openPositions);
      expect(decoded.unmatched, name).toEqual(book.unmatched);
      const options = { timeZone: "America/New_York" };
      expect(computeStats(decoded.trades, options), name).toEqual(computeStats(book.trades, options));
      trades += book.trades.length;
    }
    expect(trades).toBeGreaterThan(40);
  });

  it("keeps zero, exponents and 34-digit values exactly", () => {
    const book = buildTrades(parseFlex(readSample(sampleNames()[0]!)));
    const t = book.trades[0] ?? ({} as RoundTrip);
    const odd: RoundTrip = {
      ...t,
      realizedPnl: new Decimal("0.000"),
      fees: new Decimal("1e-20"),
      realizedPnlBase: new Decimal("1234567890123456789012345.123456789"),
      returnPct: null,
    };
    const back = decodeTradeBook(encodeTradeBook({ trades: [odd], openPositions: [], unmatched: [] }))
      .trades[0]!;
    expect(back.realizedPnl.isZero() && !back.realizedPnl.isNegative()).toBe(true);
    expect(back.fees.eq("1e-20")).toBe(true);
    expect(back.realizedPnlBase.toFixed()).toBe("1234567890123456789012345.123456789");
    expect(back.returnPct).toBeNull();
  });

  it("refuses a stored book of another format version", () => {
    const text = encodeTradeBook({ trades: [], openPositions: [], unmatched: [] }).replace(
      `"format":${TRADE_BOOK_FORMAT}`,
      `"format":${TRADE_BOOK_FORMAT + 1}`,
    );
    expect(() => decodeTradeBook(text)).toThrow(/format/);
  });
});
