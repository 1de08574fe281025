// Rule 12: compare our cash-flow P&L with IB's fifoPnlRealized and, when they differ, say the likely why.
import { Decimal } from "../money.ts";
import type { Reconciliation } from "../report-types.ts";

/** IB's own figures drift by a cent. */
const TOLERANCE = new Decimal("0.02");

/** Things seen while building a trade that explain a difference, most specific first. */
export const RECONCILIATION_HINTS = [
  // IB folds an assigned/exercised option's premium into the delivered underlying's cost basis.
  "assignment-premium-in-underlying",
  // IB's FIFO closed a lot bought before the statement window; our round trip never saw its cost.
  "lot-opened-before-window",
  // A split or ISIN change moved the position; IB may carry the cost basis differently.
  "split-adjusted",
  // A commission in another currency was taken as is (no ConversionRates).
  "commission-currency",
] as const;
export type ReconciliationHint = (typeof RECONCILIATION_HINTS)[number];

/**
 * A trade's hints are kept as bits, bit i standing for RECONCILIATION_HINTS[i]: one number per trade instead
 * of a Set (30k trades, nearly all without any hint).
 */
export function hintBit(hint: ReconciliationHint): number {
  return 1 << RECONCILIATION_HINTS.indexOf(hint);
}

export function reconcileTrade(
  realizedPnl: Decimal,
  brokerPnl: Decimal | null,
  hints: number,
): Reconciliation {
  if (brokerPnl === null) return { brokerPnl, status: "unavailable", reason: "no-fifo-pnl-realized" };
  if (withinTolerance(realizedPnl, brokerPnl)) return { brokerPnl, status: "matches", reason: null };
  const reason =
    RECONCILIATION_HINTS.find((h) => (hints & hintBit(h)) !== 0) ??
    // Some statements carry fifoPnlRealized="0" on every row (the field was not filled for that query or venue).
    (brokerPnl.isZero() ? "broker-reported-zero" : "unexplained");
  return { brokerPnl, status: "differs", reason };
}

/** |a − b| ≤ TOLERANCE. */
export function withinTolerance(a: Decimal, b: Decimal): boolean {
  return a.minus(b).abs().lte(TOLERANCE);
}
