export { type CalendarPnlResult, calendarPnl } from "./calendar-pnl.ts";
export { computeStats } from "./compute-stats.ts";
export { type BaseCurrencyScope, computeSummary, selectBaseCurrencyTrades } from "./compute-summary.ts";
export { buildEquityCurve, DrawdownTracker, maxDrawdownOf } from "./equity-curve.ts";
export { createExchangeClock, type ExchangeClock, type WallTime } from "./exchange-time.ts";
export { GroupAccumulator, mergeGroups, outcomeOf, summarizeGroup } from "./group-stats.ts";
export {
  HOLDING_TIME_BUCKETS,
  type HoldingTimeBucket,
  holdingTimeBucketIndex,
} from "./holding-time-buckets.ts";
export { computeRStats, type RBucket, type RStats, riskFromStop, rMultiple } from "./r-multiples.ts";
export type * from "./stats-types.ts";
