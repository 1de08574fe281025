// Rule 7/8: the running state of one round trip, and the closed RoundTrip it becomes when the position is 0.
import { type Decimal, HUNDRED, ONE, ZERO } from "../money.ts";
import type { RoundTrip, Side, TradeLeg } from "../report-types.ts";
import { type ReconciliationHint, reconcileTrade } from "./reconcile-trade.ts";

export interface TradeOpening {
  readonly accountId: string;
  readonly symbol: string;
  readonly conid: string | null;
  readonly assetClass: string;
  readonly currency: string;
  readonly time: string;
  readonly timeMs: number;
}

export interface OpenTrade {
  readonly opening: TradeOpening;
  readonly side: Side;
  readonly legs: TradeLeg[];
  readonly executionIds: string[];
  readonly hints: Set<ReconciliationHint>;
  /** Rule 7: largest |position|, in the shares of the moment (a split may raise it, never rescales it). */
  maxAbsPosition: Decimal;
  /** Rule 8: Σ |quantity × price × multiplier| of legs that opened or added; splits add nothing. */
  openedValue: Decimal;
  realizedPnl: Decimal;
  fees: Decimal;
  realizedPnlBase: Decimal;
  /** Rule 12: Σ fifoPnlRealized; stays null until some leg carries it. */
  brokerPnl: Decimal | null;
}

/** What a leg shares with its execution; the quantity and commission shares are passed beside it. */
export type LegSource = Pick<
  TradeLeg,
  "executionId" | "time" | "price" | "multiplier" | "fxRateToBase" | "synthetic"
>;

export function startTrade(opening: TradeOpening, firstQuantity: Decimal): OpenTrade {
  return {
    opening,
    side: firstQuantity.isPositive() ? "long" : "short",
    legs: [],
    executionIds: [],
    hints: new Set(),
    maxAbsPosition: ZERO,
    openedValue: ZERO,
    realizedPnl: ZERO,
    fees: ZERO,
    realizedPnlBase: ZERO,
    brokerPnl: null,
  };
}

/**
 * Adds a leg; `positionAfter` is the trade's position once the leg is applied. Hot path (one call per
 * execution): no object spreads, and multiplications by 1 are skipped.
 */
export function addLeg(
  trade: OpenTrade,
  src: LegSource,
  quantity: Decimal,
  commission: Decimal,
  fifoPnlRealized: Decimal | null,
  opening: boolean,
  positionAfter: Decimal,
): void {
  let notional = quantity.times(src.price);
  if (!src.multiplier.eq(ONE)) notional = notional.times(src.multiplier);
  const cashFlow = commission.minus(notional);
  trade.legs.push({
    executionId: src.executionId,
    time: src.time,
    quantity,
    price: src.price,
    multiplier: src.multiplier,
    commission,
    cashFlow,
    fxRateToBase: src.fxRateToBase,
    opening,
    synthetic: src.synthetic,
  });
  trade.realizedPnl = trade.realizedPnl.plus(cashFlow);
  if (!commission.isZero()) trade.fees = trade.fees.plus(commission);
  trade.realizedPnlBase = trade.realizedPnlBase.plus(
    src.fxRateToBase.eq(ONE) ? cashFlow : cashFlow.times(src.fxRateToBase),
  );
  if (opening) trade.openedValue = trade.openedValue.plus(notional.abs());
  if (fifoPnlRealized !== null) {
    // Opening rows carry fifoPnlRealized="0": they make brokerPnl known without changing it.
    trade.brokerPnl =
      trade.brokerPnl === null
        ? fifoPnlRealized
        : fifoPnlRealized.isZero()
          ? trade.brokerPnl
          : trade.brokerPnl.plus(fifoPnlRealized);
  }
  const abs = positionAfter.abs();
  if (abs.gt(trade.maxAbsPosition)) trade.maxAbsPosition = abs;
  // Rule 7: ids unique, in execution order; a flip row appears in both trades it belongs to.
  if (src.executionId !== null && !trade.executionIds.includes(src.executionId)) {
    trade.executionIds.push(src.executionId);
  }
}

export function closeTrade(trade: OpenTrade, closedAt: string, closedAtMs: number): RoundTrip {
  const o = trade.opening;
  return {
    accountId: o.accountId,
    symbol: o.symbol,
    conid: o.conid,
    assetClass: o.assetClass,
    side: trade.side,
    openedAt: o.time,
    closedAt,
    quantity: trade.maxAbsPosition,
    currency: o.currency,
    realizedPnl: trade.realizedPnl,
    fees: trade.fees,
    realizedPnlBase: trade.realizedPnlBase,
    // A ratio, kept to 12 places: exact enough for any display and 5× cheaper to average than 34 digits.
    returnPct: trade.openedValue.isZero()
      ? null
      : trade.realizedPnl.times(HUNDRED).div(trade.openedValue).toDecimalPlaces(12),
    executionIds: trade.executionIds,
    reconciliation: reconcileTrade(trade.realizedPnl, trade.brokerPnl, trade.hints),
    legs: trade.legs,
    holdingSeconds: Math.round((closedAtMs - o.timeMs) / 1000),
  };
}
