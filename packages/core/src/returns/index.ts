// Public API of the account-performance engine (returns-contract.md).
export { FLOW_TYPES } from "./cash-figures.ts";
export { computeReturns } from "./compute-returns.ts";
export { MWR_TOLERANCE } from "./money-weighted-return.ts";
export { TWR_TOLERANCE_PCT } from "./reconcile-twr.ts";
export {
  accountReturnsToJson,
  PCT_PLACES,
  pctString,
  type ReturnsJson,
  returnsToJson,
} from "./returns-json.ts";
export type * from "./returns-types.ts";
export { type TradingCosts, tradingCosts, unrealizedAndOther } from "./trading-costs.ts";
export { type TrailingReturns, trailingReturns } from "./trailing-returns.ts";
