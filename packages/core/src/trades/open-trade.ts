// Rule 7/8: the running state of one round trip, and the closed RoundTrip it becomes when the position is 0.
import { type Decimal, HUNDRED, ZERO } from "../money.ts";
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

/** One leg as the state machine hands it over; cashFlow is derived here so it is computed in one place. */
export type LegInput = Omit<TradeLeg, "cashFlow" | "opening"> & { readonly fifoPnlRealized: Decimal | null };

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

/** Adds a leg; `positionAfter` is the trade's position once the leg is applied. */
export function addLeg(trade: OpenTrade, input: LegInput, opening: boolean, positionAfter: Decimal): void {
  const notional = input.quantity.times(input.price).times(input.multiplier);
  const cashFlow = notional.neg().plus(input.commission);
  const { fifoPnlRealized, ...rest } = input;
  trade.legs.push({ ...rest, cashFlow, opening });
  trade.realizedPnl = trade.realizedPnl.plus(cashFlow);
  trade.fees = trade.fees.plus(input.commission);
  trade.realizedPnlBase = trade.realizedPnlBase.plus(cashFlow.times(input.fxRateToBase));
  if (opening) trade.openedValue = trade.openedValue.plus(notional.abs());
  if (fifoPnlRealized !== null) trade.brokerPnl = (trade.brokerPnl ?? ZERO).plus(fifoPnlRealized);
  const abs = positionAfter.abs();
  if (abs.gt(trade.maxAbsPosition)) trade.maxAbsPosition = abs;
  // Rule 7: ids unique, in execution order; a flip row appears in both trades it belongs to.
  if (input.executionId !== null && !trade.executionIds.includes(input.executionId)) {
    trade.executionIds.push(input.executionId);
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
    returnPct: trade.openedValue.isZero() ? null : trade.realizedPnl.div(trade.openedValue).times(HUNDRED),
    executionIds: trade.executionIds,
    reconciliation: reconcileTrade(trade.realizedPnl, trade.brokerPnl, trade.hints),
    legs: trade.legs,
    holdingSeconds: Math.round((closedAtMs - o.timeMs) / 1000),
  };
}
