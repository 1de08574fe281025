// API JSON of trades, positions and unmatched executions: core's report JSON pieces plus the API's ids and
// exchange-time fields. Nothing is computed here.
import {
  Decimal,
  decimalString,
  openPositionToJson,
  type TradeLeg,
  tradeToJson,
  type UnmatchedExecution,
  unmatchedToJson,
  ZERO,
} from "@closeout/core";
import type { BookTrade } from "./trade-book.ts";
import { exchangeTimeOf } from "./trade-filters.ts";

export function apiTradeJson(t: BookTrade) {
  return {
    id: t.id,
    accountRef: t.accountDbId,
    ...tradeToJson(t.trade),
    openedAtExchange: exchangeTimeOf(t.trade.openedAt),
    closedAtExchange: exchangeTimeOf(t.trade.closedAt),
  };
}

export type ApiTradeJson = ReturnType<typeof apiTradeJson>;

/**
 * A quotient of exact prices can repeat forever; this many places is more than any IB price carries, so an
 * average of equal prices is that price exactly.
 */
export const AVERAGE_PRICE_PLACES = 8;

/** Quantity-weighted average price of the legs on one side (opening or closing); null when they hold none. */
function averagePrice(legs: readonly TradeLeg[], opening: boolean): string | null {
  let quantity = ZERO;
  let value = ZERO;
  for (const leg of legs) {
    if (leg.opening !== opening) continue;
    const q = leg.quantity.abs();
    quantity = quantity.plus(q);
    value = value.plus(q.times(leg.price));
  }
  if (quantity.isZero()) return null;
  return decimalString(value.div(quantity).toDecimalPlaces(AVERAGE_PRICE_PLACES, Decimal.ROUND_HALF_EVEN));
}

/** The detail page's trade: the list's fields plus average entry and exit prices (an expiry exits at 0). */
export function apiTradeDetailJson(t: BookTrade) {
  return {
    ...apiTradeJson(t),
    averageEntryPrice: averagePrice(t.trade.legs, true),
    averageExitPrice: averagePrice(t.trade.legs, false),
  };
}

const UNMATCHED_EXPLANATIONS: Readonly<Record<string, string>> = {
  "opened-before-window":
    "This execution closes (part of) a position opened before the statements closeout has; upload an older statement to match it.",
  "closing-without-open":
    "This execution closes a position closeout never saw opening, and the statement has no Open Positions section to tell how large it was.",
};

export function apiUnmatchedJson(u: UnmatchedExecution) {
  return {
    ...unmatchedToJson(u),
    explanation: UNMATCHED_EXPLANATIONS[u.reason] ?? `Not part of a round trip (${u.reason}).`,
  };
}

export { openPositionToJson };
