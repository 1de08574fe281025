// Invariants that hold for any execution history, checked on random ones (fast-check).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, sum, ZERO } from "../money.ts";
import type { TradeBook } from "../report-types.ts";
import { execution, flexData } from "../test-support/flex-data-builder.ts";
import type { Execution } from "../types.ts";
import { buildTrades } from "./index.ts";

const row = fc.record({
  conid: fc.constantFrom("1", "2"),
  quantity: fc.integer({ min: -5, max: 5 }).filter((q) => q !== 0),
  cents: fc.integer({ min: 1, max: 20_000 }),
  commissionCents: fc.integer({ min: 0, max: 300 }),
  closeOnly: fc.boolean(),
});

type Row = { conid: string; quantity: number; cents: number; commissionCents: number; closeOnly: boolean };

function toExecutions(rows: readonly Row[], closeOnly = true): Execution[] {
  return rows.map((r, i) =>
    execution({
      conid: r.conid,
      symbol: `S${r.conid}`,
      quantity: r.quantity,
      price: new Decimal(r.cents).div(100),
      commission: new Decimal(-r.commissionCents).div(100),
      multiplier: r.conid === "2" ? 100 : null,
      time: new Date(Date.UTC(2025, 0, 2) + i * 60_000).toISOString().replace(".000Z", "Z"),
      transactionId: String(i + 1),
      openCloseIndicator: closeOnly && r.closeOnly ? "C" : null,
    }),
  );
}

const netByConid = (book: TradeBook): Map<string, Decimal> => {
  const m = new Map<string, Decimal>();
  const add = (k: string | null, q: Decimal) => m.set(k ?? "", (m.get(k ?? "") ?? ZERO).plus(q));
  for (const t of book.trades) for (const l of t.legs) add(t.conid, l.quantity);
  for (const u of book.unmatched) add(u.conid, u.quantity);
  for (const p of book.openPositions) add(p.conid, p.quantity);
  return m;
};

describe("buildTrades properties", () => {
  it("a trade's P&L is the sum of its legs' cash flows, and all closed money is Σ of the executions' cash flows in any order", () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), fc.integer(), (rows, seed) => {
        // Close everything at the end so every execution belongs to some trade.
        const closers = ["1", "2"].map((conid) => ({
          conid,
          quantity: -rows.filter((r) => r.conid === conid).reduce((a, r) => a + r.quantity, 0),
          cents: 100,
          commissionCents: 0,
          closeOnly: false,
        }));
        const shuffled = fc.sample(fc.shuffledSubarray(rows, { minLength: rows.length }), {
          seed,
          numRuns: 1,
        })[0]!;
        const execs = toExecutions([...shuffled, ...closers.filter((c) => c.quantity !== 0)], false);
        const book = buildTrades(flexData({ executions: execs }));
        for (const t of book.trades) {
          expect(t.realizedPnl.eq(sum(t.legs.map((l) => l.cashFlow)))).toBe(true);
          expect(sum(t.legs.map((l) => l.quantity)).isZero()).toBe(true);
        }
        const expected = sum(
          execs.map((e) =>
            e.quantity
              .times(e.price)
              .times(e.multiplier ?? 1)
              .negated()
              .plus(e.commission),
          ),
        );
        expect(sum(book.trades.map((t) => t.realizedPnl)).eq(expected)).toBe(true);
        expect(book.openPositions).toEqual([]);
        expect(book.unmatched).toEqual([]);
      }),
    );
  });

  it("conserves quantity: Σ trade legs + unmatched + open positions = Σ executions, per instrument", () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (rows) => {
        const execs = toExecutions(rows);
        const book = buildTrades(flexData({ executions: execs }));
        const got = netByConid(book);
        for (const conid of ["1", "2"]) {
          const want = sum(execs.filter((e) => e.conid === conid).map((e) => e.quantity));
          expect((got.get(conid) ?? ZERO).eq(want)).toBe(true);
        }
      }),
    );
  });

  it("feeding the same executions twice changes nothing", () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), fc.boolean(), (rows, withIds) => {
        const execs = toExecutions(rows).map((e) => (withIds ? e : { ...e, transactionId: null }));
        const copy = execs.map((e) => ({ ...e, fileOrder: e.fileOrder + 100_000 }));
        const once = buildTrades(flexData({ executions: execs }));
        const twice = buildTrades(flexData({ executions: [...execs, ...copy] }));
        expect(JSON.stringify(twice)).toBe(JSON.stringify(once));
      }),
    );
  });
});
