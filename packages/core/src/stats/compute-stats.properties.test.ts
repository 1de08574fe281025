import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, sum, ZERO } from "../money.ts";
import type { RoundTrip } from "../report-types.ts";
import { computeStats } from "./compute-stats.ts";
import { computeSummary } from "./compute-summary.ts";
import { summarizeGroup } from "./group-stats.ts";
import { testTrade } from "./test-trade.ts";

const iso = (ms: number) => new Date(ms).toISOString().replace(".000", "");

const tradeArb = fc
  .record({
    units: fc.bigInt({ min: -10_000_000_000n, max: 10_000_000_000n }),
    scale: fc.integer({ min: 0, max: 8 }),
    zeroChance: fc.integer({ min: 0, max: 5 }),
    returnPct: fc.option(fc.integer({ min: -20_000, max: 20_000 }), { nil: null }),
    symbol: fc.constantFrom("AAPL", "MSFT", "ES", "SPY   250117C00600000"),
    assetClass: fc.constantFrom("STK", "OPT", "FUT"),
    side: fc.constantFrom("long" as const, "short" as const),
    openedSeconds: fc.integer({ min: Date.UTC(2024, 0, 1) / 1000, max: Date.UTC(2026, 0, 1) / 1000 }),
    holdingSeconds: fc.integer({ min: 0, max: 40 * 86_400 }),
  })
  .map((r) =>
    testTrade({
      pnl: r.zeroChance === 0 ? "0" : new Decimal(r.units.toString()).div(10 ** r.scale).toFixed(),
      returnPct: r.returnPct === null ? null : new Decimal(r.returnPct).div(1000).toFixed(),
      symbol: r.symbol,
      assetClass: r.assetClass,
      side: r.side,
      openedAt: iso(r.openedSeconds * 1000),
      closedAt: iso((r.openedSeconds + r.holdingSeconds) * 1000),
    }),
  );

const tradesArb = fc
  .array(tradeArb, { maxLength: 60 })
  .map((ts) => [...ts].sort((a, b) => (a.closedAt < b.closedAt ? -1 : a.closedAt > b.closedAt ? 1 : 0)));

/** O(n²) reference: the largest (running max including the starting 0) − later running sum. */
function bruteForceMaxDrawdown(trades: readonly RoundTrip[]): Decimal {
  const running = [ZERO];
  for (const t of trades) running.push(running[running.length - 1]!.plus(t.realizedPnlBase));
  let max = ZERO;
  for (let i = 0; i < running.length; i++)
    for (let j = i; j < running.length; j++) {
      const fall = running[i]!.minus(running[j]!);
      if (fall.gt(max)) max = fall;
    }
  return max;
}

const USD = [{ accountId: "U1234567", baseCurrency: "USD" }];

describe("summary and stats invariants (fast-check)", () => {
  it("net = gross profit + gross loss, and wins + losses + scratches = trades", () => {
    fc.assert(
      fc.property(tradesArb, (trades) => {
        const { summary: s } = computeSummary(trades, USD);
        expect(s.netPnlBase.eq(s.grossProfitBase.plus(s.grossLossBase))).toBe(true);
        expect(s.netPnlBase.eq(sum(trades.map((t) => t.realizedPnlBase)))).toBe(true);
        expect(s.wins + s.losses + s.scratches).toBe(s.trades);
        expect(s.trades).toBe(trades.length);
        expect(s.grossProfitBase.isNegative()).toBe(false);
        expect(s.grossLossBase.gt(0)).toBe(false);
        expect(s.maxDrawdownBase.eq(bruteForceMaxDrawdown(trades))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("daily and monthly P&L, every breakdown and the equity curve add up to the net", () => {
    fc.assert(
      fc.property(tradesArb, (trades) => {
        const { summary } = computeSummary(trades, USD);
        const stats = computeStats(trades, { timeZone: "America/New_York" });
        const net = summary.netPnlBase;
        expect(sum(stats.daily.map((d) => d.netPnlBase)).eq(net)).toBe(true);
        expect(sum(stats.monthly.map((d) => d.netPnlBase)).eq(net)).toBe(true);
        expect(stats.daily.reduce((n, d) => n + d.trades, 0)).toBe(trades.length);
        for (const rows of [
          stats.bySymbol,
          stats.byAssetClass,
          stats.bySide,
          stats.byWeekday,
          stats.byHour,
          stats.byHoldingTime,
        ]) {
          expect(rows.reduce((n, r) => n + r.trades, 0)).toBe(trades.length);
          expect(rows.reduce((n, r) => n + r.wins, 0)).toBe(summary.wins);
          expect(sum(rows.map((r) => r.netPnlBase)).eq(net)).toBe(true);
        }
        expect(stats.equityCurve).toHaveLength(trades.length);
        expect((stats.equityCurve.at(-1)?.cumulativePnlBase ?? ZERO).eq(net)).toBe(true);
        expect(stats.maxDrawdownBase.eq(summary.maxDrawdownBase)).toBe(true);
        expect(stats.overall.winRate?.toFixed()).toBe(summary.winRate?.toFixed());
        expect(stats.overall.avgReturnPct?.toFixed()).toBe(summary.avgReturnPct?.toFixed());
      }),
      { numRuns: 200 },
    );
  });

  it("overall, per asset class and per side are the groups of their trades, at full precision", () => {
    const exact = (value: unknown): unknown => {
      if (Decimal.isDecimal(value))
        return `${(value as Decimal).toString()} ${(value as Decimal).isNegative()}`;
      if (Array.isArray(value)) return value.map(exact);
      if (value !== null && typeof value === "object")
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, exact(v)]));
      return value;
    };
    fc.assert(
      fc.property(tradesArb, (trades) => {
        const stats = computeStats(trades, { timeZone: "America/New_York" });
        expect(exact(stats.overall)).toEqual(exact(summarizeGroup("all", "All trades", trades)));
        for (const row of stats.byAssetClass) {
          const of = trades.filter((t) => t.assetClass === row.key);
          expect(exact(row)).toEqual(exact(summarizeGroup(row.key, row.label, of)));
        }
        for (const row of stats.bySide) {
          const of = trades.filter((t) => t.side === row.key);
          expect(exact(row)).toEqual(exact(summarizeGroup(row.key, row.label, of)));
        }
      }),
      { numRuns: 300 },
    );
  });
});
