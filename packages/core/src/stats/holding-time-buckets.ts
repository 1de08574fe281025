// Holding-time buckets: lower bound inclusive, upper bound exclusive, in seconds (openedAt → closedAt).
// Bounds follow how traders talk about holding periods (scalp, intraday, swing, position), not exchange days.
export interface HoldingTimeBucket {
  readonly key: string;
  readonly label: string;
  readonly minSeconds: number;
  /** Exclusive; null for the last, open-ended bucket. */
  readonly maxSeconds: number | null;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

export const HOLDING_TIME_BUCKETS: readonly HoldingTimeBucket[] = [
  { key: "lt-1m", label: "< 1 min", minSeconds: 0, maxSeconds: MINUTE },
  { key: "1m-5m", label: "1–5 min", minSeconds: MINUTE, maxSeconds: 5 * MINUTE },
  { key: "5m-15m", label: "5–15 min", minSeconds: 5 * MINUTE, maxSeconds: 15 * MINUTE },
  { key: "15m-1h", label: "15–60 min", minSeconds: 15 * MINUTE, maxSeconds: HOUR },
  { key: "1h-4h", label: "1–4 hours", minSeconds: HOUR, maxSeconds: 4 * HOUR },
  { key: "4h-1d", label: "4 hours–1 day", minSeconds: 4 * HOUR, maxSeconds: DAY },
  { key: "1d-1w", label: "1–7 days", minSeconds: DAY, maxSeconds: WEEK },
  { key: "1w-4w", label: "1–4 weeks", minSeconds: WEEK, maxSeconds: 4 * WEEK },
  { key: "gt-4w", label: "> 4 weeks", minSeconds: 4 * WEEK, maxSeconds: null },
];

/** Index into HOLDING_TIME_BUCKETS; negative durations (clock skew in the data) fall into the first. */
export function holdingTimeBucketIndex(seconds: number): number {
  for (let i = 0; i < HOLDING_TIME_BUCKETS.length; i++) {
    const max = HOLDING_TIME_BUCKETS[i]!.maxSeconds;
    if (max === null || seconds < max) return i;
  }
  return HOLDING_TIME_BUCKETS.length - 1;
}
