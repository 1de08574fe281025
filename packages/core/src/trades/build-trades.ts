// Rules 1–5 and 7–12 of report-contract.md: FlexData → closed round trips, open positions, unmatched rows.
// Pure and linear after one sort, so a 100k-execution history builds in a fraction of a second.
import type { Decimal } from "../money.ts";
import type { OpenPosition, RoundTrip, TradeBook, UnmatchedExecution } from "../report-types.ts";
import type { FlexData } from "../types.ts";
import { createCommissionConverter } from "./create-commission-converter.ts";
import { instrumentKey } from "./instrument-key.ts";
import { optionCloseEvents } from "./option-close-events.ts";
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
    if (e.type !== "Expiration" && e.underlyingConid !== null) {
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
    trades: result.trades.sort(compareTrades),
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
