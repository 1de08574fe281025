// Rules 1–5 and 7–12 of report-contract.md: FlexData → closed round trips, open positions, unmatched rows.
// Pure and linear after one sort, so a 100k-execution history builds in a fraction of a second.
import type { Decimal } from "../money.ts";
import type { OpenPosition, RoundTrip, TradeBook, UnmatchedExecution } from "../report-types.ts";
import type { FlexData } from "../types.ts";
import { createCommissionConverter } from "./create-commission-converter.ts";
import { instrumentKey } from "./instrument-key.ts";
import { cashSettlements, optionCloseEvents } from "./option-close-events.ts";
import { prepareExecutions } from "./prepare-executions.ts";
import { createMultiplierResolver } from "./resolve-multiplier.ts";
import { runTimeline } from "./run-timeline.ts";
import { splitEvents } from "./split-events.ts";
import { startPositions } from "./start-positions.ts";
import { compareEvents, type TimelineEvent } from "./timeline-event.ts";

export function buildTrades(data: FlexData): TradeBook {
  const multiplierOf = createMultiplierResolver(data.securities);
  const optionKeys = data.optionEvents.map((event) => instrumentKey(event.accountId, event));
  const {
    executions,
    zeroPriced,
    issues: prepIssues,
  } = prepareExecutions(data, multiplierOf, new Set(optionKeys));
  // The prepared executions are their own events, already in rule-5 order; synthetic closes and splits
  // (usually none or a few) join them, and only then is the time line sorted again.
  const synthetic = [
    ...optionCloseEvents(data, optionKeys, zeroPriced, multiplierOf),
    ...splitEvents(data, multiplierOf),
  ];
  const timeline: TimelineEvent[] = executions;
  if (synthetic.length > 0) {
    for (const ev of synthetic) timeline.push(ev);
    timeline.sort(compareEvents);
  }

  const starts = startPositions(data, timeline);
  const deliveries = new Map<string, Map<string, Set<string>>>();
  for (const e of data.optionEvents) {
    if ((e.type === "Assignment" || e.type === "Exercise") && e.underlyingConid !== null) {
      let onConid = deliveries.get(e.underlyingConid);
      if (onConid === undefined) {
        onConid = new Map();
        deliveries.set(e.underlyingConid, onConid);
      }
      let dates = onConid.get(e.accountId);
      if (dates === undefined) {
        dates = new Set();
        onConid.set(e.accountId, dates);
      }
      dates.add(e.date);
    }
  }
  const result = runTimeline(timeline, {
    starts,
    convertCommission: createCommissionConverter(data.conversionRates),
    deliveries,
    cashSettlements: cashSettlements(data, optionKeys),
  });

  const openPositions: OpenPosition[] = [];
  for (const h of result.holdings.values()) {
    if (h.position.isZero()) continue;
    openPositions.push(openPosition(h.accountId, h.fields, h.position, h.trade?.opening.time ?? null));
  }
  // Held through the whole window without a single row: known only from OpenPositions.
  for (const [key, row] of starts.endRows) {
    if (!result.holdings.has(key) && !row.position.isZero()) {
      openPositions.push(openPosition(row.accountId, row, row.position, null));
    }
  }

  return {
    trades: sortClosedTrades(result.trades, result.closedAtMs),
    openPositions: openPositions.sort(compareOpenPositions),
    unmatched: result.unmatched.sort(compareUnmatched),
    issues: [...prepIssues, ...result.issues],
  };
}

function openPosition(
  accountId: string,
  f: { symbol: string; conid: string | null; assetClass: string; currency: string },
  quantity: Decimal,
  openedAt: string | null,
): OpenPosition {
  return {
    accountId,
    symbol: f.symbol,
    conid: f.conid,
    assetClass: f.assetClass,
    currency: f.currency,
    quantity,
    openedAt,
  };
}

/**
 * `trades` sorted by compareTrades, as `trades.sort(compareTrades)` would (a stable sort), when they come in
 * the order they closed: `closedAtMs` (their close times) never decreases. Then only trades closed in the same
 * second can be out of order, and only such runs are sorted: the comparisons of 30k close-time strings were
 * most of the sort's time. Anything else (or a close time not in utcIso's fixed-width form, whose text order
 * is its time order) takes the full sort.
 */
export function sortClosedTrades(trades: RoundTrip[], closedAtMs: readonly number[]): RoundTrip[] {
  let runStart = 0;
  for (let i = 1; i <= trades.length; i++) {
    if (i < trades.length) {
      // closedAt has whole seconds: within one second the close times tie, and compareTrades decides.
      const before = Math.floor(closedAtMs[i - 1]! / 1000);
      const at = Math.floor(closedAtMs[i]! / 1000);
      if (before === at) continue;
      if (before > at || trades[i - 1]!.closedAt.length !== 20 || trades[i]!.closedAt.length !== 20) {
        return trades.sort(compareTrades);
      }
    }
    if (i - runStart > 1) sortRun(trades, runStart, i);
    runStart = i;
  }
  return trades;
}

/** trades[from, to) sorted in place, stably, when they are not in order already. */
function sortRun(trades: RoundTrip[], from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    if (compareTrades(trades[i - 1]!, trades[i]!) > 0) {
      const run = trades.slice(from, to).sort(compareTrades);
      for (let j = 0; j < run.length; j++) trades[from + j] = run[j]!;
      return;
    }
  }
}

/** Code-unit order, so the result never depends on the machine's locale. */
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Rule 15, with conid and first execution id as final tie-breaks for a stable result. */
export function compareTrades(a: RoundTrip, b: RoundTrip): number {
  return (
    cmp(a.closedAt, b.closedAt) ||
    cmp(a.accountId, b.accountId) ||
    cmp(a.symbol, b.symbol) ||
    cmp(a.openedAt, b.openedAt) ||
    cmp(a.conid ?? "", b.conid ?? "") ||
    cmp(a.executionIds[0] ?? "", b.executionIds[0] ?? "")
  );
}

function compareOpenPositions(a: OpenPosition, b: OpenPosition): number {
  return cmp(a.accountId, b.accountId) || cmp(a.symbol, b.symbol) || cmp(a.conid ?? "", b.conid ?? "");
}

function compareUnmatched(a: UnmatchedExecution, b: UnmatchedExecution): number {
  return cmp(a.accountId, b.accountId) || cmp(a.symbol, b.symbol) || cmp(a.time, b.time);
}
