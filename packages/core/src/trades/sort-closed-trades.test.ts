import fc from "fast-check";
import { expect, test } from "vitest";
import { utcIso } from "../flex/new-york-to-utc.ts";
import type { RoundTrip } from "../report-types.ts";
import { compareTrades, sortClosedTrades } from "./build-trades.ts";

/** Only the fields compareTrades reads; the rest of a RoundTrip does not take part. */
function trade(
  closedAtMs: number,
  accountId: string,
  symbol: string,
  openedAtMs: number,
  id: string,
): RoundTrip {
  return {
    closedAt: utcIso(closedAtMs),
    accountId,
    symbol,
    openedAt: utcIso(openedAtMs),
    conid: null,
    executionIds: [id],
  } as unknown as RoundTrip;
}

const START = Date.UTC(2025, 0, 2, 14, 30);

test("gives the stable sort's order for trades in close order, ties within a second included", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          step: fc.oneof(
            fc.constant(0),
            fc.integer({ min: 0, max: 999 }),
            fc.integer({ min: 1000, max: 90_000 }),
          ),
          account: fc.constantFrom("U1", "U2"),
          symbol: fc.constantFrom("AAPL", "MSFT", "ES", "A"),
          held: fc.integer({ min: 0, max: 3 }),
          id: fc.constantFrom("1", "2", "3"),
        }),
        { maxLength: 60 },
      ),
      (rows) => {
        let ms = START;
        const trades: RoundTrip[] = [];
        const closedAtMs: number[] = [];
        for (const r of rows) {
          ms += r.step;
          trades.push(trade(ms, r.account, r.symbol, ms - r.held * 1000, r.id));
          closedAtMs.push(ms);
        }
        const expected = [...trades].sort(compareTrades);
        expect(sortClosedTrades([...trades], closedAtMs)).toEqual(expected);
        // The same objects in the same places, not merely equal ones.
        const sorted = sortClosedTrades(trades, closedAtMs);
        for (let i = 0; i < sorted.length; i++) expect(sorted[i]).toBe(expected[i]);
      },
    ),
    { numRuns: 500 },
  );
});

test("falls back to the full sort when the close times go back", () => {
  const trades = [trade(START + 5000, "U1", "B", START, "1"), trade(START, "U1", "A", START, "2")];
  expect(sortClosedTrades([...trades], [START + 5000, START]).map((t) => t.symbol)).toEqual(["A", "B"]);
});
