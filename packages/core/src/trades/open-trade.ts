// Rule 7/8: the running state of one round trip, and the closed RoundTrip it becomes when the position is 0.

import { exactNeg, fromUnits } from "../decimal-units.ts";
import { compareAbs, type Decimal, isOne, ZERO } from "../money.ts";
import type { RoundTrip, Side, TradeLeg } from "../report-types.ts";
import { TradeSum } from "../trade-sum.ts";
import type { OptionEvent } from "../types.ts";
import { BuiltLeg } from "./built-leg.ts";
import { amounts, baseAmount, legAmounts } from "./leg-amounts.ts";
import { hintBit, reconcileTrade } from "./reconcile-trade.ts";
import { returnPctOfSum } from "./return-pct.ts";

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
  /**
   * Rule 7: the position after the leg with the largest |position|, in the shares of the moment (a split may
   * raise it, never rescales it); its absolute value is taken once, at close.
   */
  maxPosition: Decimal;
  // Sums kept with TradeSum (ADR 0008): the same values as a chain of Decimal additions, at a fraction of the
  // cost, since almost every leg's amounts fit a double-precision integer of cents or ten-thousandths.
  /** Rule 8: Σ |quantity × price × multiplier| of legs that opened or added; splits add nothing. */
  readonly openedValue: TradeSum;
  readonly realizedPnl: TradeSum;
  readonly fees: TradeSum;
  /**
   * Null while every leg had fxRateToBase 1: the base sum then gets the very same terms as realizedPnl, so
   * it is realizedPnl itself (one sum and one Decimal per trade fewer for the ~all trades in the base
   * currency). The first leg with another rate forks it from realizedPnl in the same state (TradeSum.copy).
   */
  realizedPnlBase: TradeSum | null;
  /** Rule 12: the first leg's fifoPnlRealized; stays null until some leg carries it. */
  brokerPnlFirst: Decimal | null;
  /** Rule 12: brokerPnlFirst plus the non-zero fifoPnlRealized of later legs; null while there are none. */
  brokerPnlSum: TradeSum | null;
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
    maxPosition: ZERO,
    openedValue: new TradeSum(),
    realizedPnl: new TradeSum(),
    fees: new TradeSum(),
    realizedPnlBase: null,
    brokerPnlFirst: null,
    brokerPnlSum: null,
  };
}

/**
 * Adds a leg; `positionAfter` is the trade's position once the leg is applied. Hot path (one call per
 * execution): no object spreads, and the amounts are integer arithmetic where they fit (leg-amounts.ts).
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
  const fast = legAmounts(quantity, src.price, src.multiplier, commission);
  // On the integer way the leg keeps its cash flow as units (built-leg.ts); the Decimal way has the Decimal.
  const cashFlow = fast
    ? addAmounts(trade, src.fxRateToBase, opening)
    : addDecimalAmounts(trade, quantity, src, commission, opening);
  trade.legs.push(
    fast
      ? new BuiltLeg(src, quantity, commission, opening, cashFlow, amounts.cashUnits, amounts.cashScale)
      : new BuiltLeg(src, quantity, commission, opening, cashFlow, 0, 0),
  );
  // The commission's units from legAmounts (the same value, so the same term) when it took the leg.
  if (!commission.isZero()) {
    if (fast) trade.fees.addScaled(amounts.commissionUnits, amounts.commissionScale);
    else trade.fees.add(commission);
  }
  if (fifoPnlRealized !== null) {
    // Opening rows carry fifoPnlRealized="0": they make brokerPnl known without changing it.
    if (trade.brokerPnlFirst === null) trade.brokerPnlFirst = fifoPnlRealized;
    else if (!fifoPnlRealized.isZero()) {
      trade.brokerPnlSum ??= new TradeSum(trade.brokerPnlFirst);
      trade.brokerPnlSum.add(fifoPnlRealized);
    }
  }
  if (compareAbs(positionAfter, trade.maxPosition) > 0) trade.maxPosition = positionAfter;
  // Rule 7: ids unique, in execution order; a flip row appears in both trades it belongs to.
  if (src.executionId !== null && !trade.executionIds.includes(src.executionId)) {
    trade.executionIds.push(src.executionId);
  }
}

/**
 * The usual leg: amounts already in `amounts` as integers, and no Decimal built. Returns the cash flow when it
 * had to be built after all (a base amount beyond the integer way), else null: the leg keeps the units.
 */
function addAmounts(trade: OpenTrade, fxRateToBase: Decimal, opening: boolean): Decimal | null {
  let cashFlow: Decimal | null = null;
  const base = isOne(fxRateToBase) ? trade.realizedPnlBase : baseSum(trade);
  trade.realizedPnl.addScaled(amounts.cashUnits, amounts.cashScale);
  if (base === null) {
    // Same terms as realizedPnl, which has them already.
  } else if (isOne(fxRateToBase)) {
    base.addScaled(amounts.cashUnits, amounts.cashScale);
  } else if (baseAmount(fxRateToBase)) {
    base.addScaled(amounts.baseUnits, amounts.baseScale);
  } else {
    cashFlow = fromUnits(amounts.cashUnits, amounts.cashScale);
    base.add(cashFlow.times(fxRateToBase));
  }
  if (opening) trade.openedValue.addScaled(Math.abs(amounts.notionalUnits), amounts.notionalScale);
  return cashFlow;
}

/** The trade's base-currency sum, forked from realizedPnl before the first leg whose rate is not 1. */
function baseSum(trade: OpenTrade): TradeSum {
  trade.realizedPnlBase ??= trade.realizedPnl.copy();
  return trade.realizedPnlBase;
}

/** Zeros, long or huge amounts: Decimal arithmetic, multiplications by 1 skipped. */
function addDecimalAmounts(
  trade: OpenTrade,
  quantity: Decimal,
  src: LegSource,
  commission: Decimal,
  opening: boolean,
): Decimal {
  let notional = quantity.times(src.price);
  if (!isOne(src.multiplier)) notional = notional.times(src.multiplier);
  // Without commission the cash flow is −notional: one copy instead of a subtraction. A zero notional goes
  // the long way, so the sign of a zero cash flow stays what the subtraction gives.
  const cashFlow = commission.isZero() && !notional.isZero() ? notional.neg() : commission.minus(notional);
  const base = isOne(src.fxRateToBase) ? trade.realizedPnlBase : baseSum(trade);
  trade.realizedPnl.add(cashFlow);
  base?.add(isOne(src.fxRateToBase) ? cashFlow : cashFlow.times(src.fxRateToBase));
  if (opening) trade.openedValue.addAbs(notional);
  return cashFlow;
}

/**
 * Rule 9, cash-settled options: the Cash Settlement row's cash joins the trade as a leg of its own (no
 * quantity, no commission, not opening), so Σ legs' cash flows stays the trade's P&L. The amount is the row's
 * proceeds, else IB's P&L minus ours without it; false (nothing added) when neither is known.
 * `closing` is the price-0 close whose fxRateToBase stands in for the row's.
 */
export function settleInCash(trade: OpenTrade, cash: OptionEvent, closing: LegSource): boolean {
  const brokerPnl = trade.brokerPnlSum === null ? trade.brokerPnlFirst : trade.brokerPnlSum.value();
  const amount = cash.proceeds ?? (brokerPnl === null ? null : brokerPnl.minus(trade.realizedPnl.value()));
  if (amount === null) return false;
  const fxRateToBase = cash.fxRateToBase ?? closing.fxRateToBase;
  const base = isOne(fxRateToBase) ? trade.realizedPnlBase : baseSum(trade);
  trade.realizedPnl.add(amount);
  base?.add(isOne(fxRateToBase) ? amount : amount.times(fxRateToBase));
  const src = { ...closing, executionId: null, price: ZERO, fxRateToBase, synthetic: cash.type };
  trade.legs.push(new BuiltLeg(src, ZERO, ZERO, false, amount, 0, 0));
  // The option's value arrived as cash, not in a delivered underlying's cost basis.
  trade.hints &= ~ASSIGNMENT;
  return true;
}

const ASSIGNMENT = hintBit("assignment-premium-in-underlying");

export function closeTrade(trade: OpenTrade, closedAt: string, closedAtMs: number): RoundTrip {
  const o = trade.opening;
  const realizedPnl = trade.realizedPnl.value();
  // Without later non-zero rows brokerPnl is the first row's value itself (even a "-0").
  const brokerPnl = trade.brokerPnlSum === null ? trade.brokerPnlFirst : trade.brokerPnlSum.value();
  return {
    accountId: o.accountId,
    symbol: o.symbol,
    conid: o.conid,
    assetClass: o.assetClass,
    side: trade.side,
    openedAt: o.time,
    closedAt,
    quantity: trade.maxPosition.isNegative() ? exactNeg(trade.maxPosition) : trade.maxPosition,
    currency: o.currency,
    realizedPnl,
    fees: trade.fees.value(),
    realizedPnlBase: trade.realizedPnlBase === null ? realizedPnl : trade.realizedPnlBase.value(),
    returnPct: returnPctOfSum(realizedPnl, trade.openedValue),
    // Exact-size copies: a pushed-to array keeps 17 slots, and these live as long as the report does.
    executionIds: trade.executionIds.slice(),
    reconciliation: reconcileTrade(realizedPnl, brokerPnl, trade.hints),
    legs: trade.legs.slice(),
    holdingSeconds: Math.round((closedAtMs - o.timeMs) / 1000),
  };
}
