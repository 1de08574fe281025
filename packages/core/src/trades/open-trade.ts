// Rule 7/8: the running state of one round trip, and the closed RoundTrip it becomes when the position is 0.
// Every amount is a Decimal (ADR 0013): P&L = Σ cash flows, written as that sum.
import { type Decimal, ZERO } from "../money.ts";
import type { RoundTrip, Side, TradeLeg } from "../report-types.ts";
import type { OptionEvent } from "../types.ts";
import { hintBit, reconcileTrade } from "./reconcile-trade.ts";
import { returnPct } from "./return-pct.ts";

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
  /** Reconciliation hints seen so far, as reconcile-trade.ts's bits. */
  hints: number;
  /** Rule 7: the largest |position| so far, in the shares of the moment (a split may raise it). */
  maxQuantity: Decimal;
  /** Rule 8: Σ |quantity × price × multiplier| of legs that opened or added; splits add nothing. */
  openedValue: Decimal;
  /** Rule 8: Σ cash flows. */
  realizedPnl: Decimal;
  /** Rule 8: Σ commissions. */
  fees: Decimal;
  /** Rule 8: Σ cash flow × fxRateToBase. */
  realizedPnlBase: Decimal;
  /** Rule 12: Σ fifoPnlRealized; null until some leg carries it. */
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
    hints: 0,
    maxQuantity: ZERO,
    openedValue: ZERO,
    realizedPnl: ZERO,
    fees: ZERO,
    realizedPnlBase: ZERO,
    brokerPnl: null,
  };
}

/** Adds a leg; `positionAfter` is the trade's position once the leg is applied. */
export function addLeg(
  trade: OpenTrade,
  src: LegSource,
  quantity: Decimal,
  commission: Decimal,
  fifoPnlRealized: Decimal | null,
  opening: boolean,
  positionAfter: Decimal,
): void {
  const notional = quantity.times(src.price).times(src.multiplier);
  const cashFlow = commission.minus(notional);
  pushLeg(trade, leg(src, quantity, commission, cashFlow, opening));
  trade.fees = trade.fees.plus(commission);
  if (opening) trade.openedValue = trade.openedValue.plus(notional.abs());
  if (fifoPnlRealized !== null) {
    // Opening rows carry fifoPnlRealized="0": they make brokerPnl known.
    trade.brokerPnl = trade.brokerPnl === null ? fifoPnlRealized : trade.brokerPnl.plus(fifoPnlRealized);
  }
  const size = positionAfter.abs();
  if (size.gt(trade.maxQuantity)) trade.maxQuantity = size;
  // Rule 7: ids unique, in execution order; a flip row appears in both trades it belongs to.
  if (src.executionId !== null && !trade.executionIds.includes(src.executionId)) {
    trade.executionIds.push(src.executionId);
  }
}

/** A TradeLeg with its fields in the interface's order (the JSON of a trade lists them so). */
function leg(
  src: LegSource,
  quantity: Decimal,
  commission: Decimal,
  cashFlow: Decimal,
  opening: boolean,
): TradeLeg {
  return {
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
  };
}

/** A leg's cash flow joins the trade's P&L and base P&L. */
function pushLeg(trade: OpenTrade, leg: TradeLeg): void {
  trade.legs.push(leg);
  trade.realizedPnl = trade.realizedPnl.plus(leg.cashFlow);
  trade.realizedPnlBase = trade.realizedPnlBase.plus(leg.cashFlow.times(leg.fxRateToBase));
}

const ASSIGNMENT = hintBit("assignment-premium-in-underlying");

/**
 * Rule 9, cash-settled options: the Cash Settlement row's cash joins the trade as a leg of its own (no
 * quantity, no commission, not opening), so Σ legs' cash flows stays the trade's P&L. The amount is the row's
 * proceeds, else IB's P&L minus ours without it; false (nothing added) when neither is known.
 * `closing` is the price-0 close whose fxRateToBase stands in for the row's.
 */
export function settleInCash(trade: OpenTrade, cash: OptionEvent, closing: LegSource): boolean {
  const amount =
    cash.proceeds ?? (trade.brokerPnl === null ? null : trade.brokerPnl.minus(trade.realizedPnl));
  if (amount === null) return false;
  const src = {
    executionId: null,
    time: closing.time,
    price: ZERO,
    multiplier: closing.multiplier,
    fxRateToBase: cash.fxRateToBase ?? closing.fxRateToBase,
    synthetic: cash.type,
  };
  pushLeg(trade, leg(src, ZERO, ZERO, amount, false));
  // The option's value arrived as cash, not in a delivered underlying's cost basis.
  trade.hints &= ~ASSIGNMENT;
  return true;
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
    quantity: trade.maxQuantity,
    currency: o.currency,
    realizedPnl: trade.realizedPnl,
    fees: trade.fees,
    realizedPnlBase: trade.realizedPnlBase,
    returnPct: returnPct(trade.realizedPnl, trade.openedValue),
    executionIds: trade.executionIds,
    reconciliation: reconcileTrade(trade.realizedPnl, trade.brokerPnl, trade.hints),
    legs: trade.legs,
    holdingSeconds: Math.round((closedAtMs - o.timeMs) / 1000),
  };
}
