// API JSON of trades, positions and unmatched executions: core's report JSON pieces plus the API's ids and
// exchange-time fields. Nothing is computed here.
import { openPositionToJson, tradeToJson, type UnmatchedExecution, unmatchedToJson } from "@closeout/core";
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
