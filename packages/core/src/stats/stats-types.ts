// What computeStats returns. Definitions of every field: docs/metrics.md. Money is in the base currency;
// values are Decimals here and become strings only at the JSON edge.
import type { Decimal } from "../money.ts";

/** How a trade ended: realizedPnlBase > 0, < 0 or = 0. */
export type Outcome = "win" | "loss" | "scratch";

/** The same figures for any set of trades: the whole history, one symbol, one weekday, one bucket… */
export interface GroupStats {
  /** Stable machine key, e.g. "AAPL", "STK", "long", "mon", "09", "5m-15m". */
  readonly key: string;
  /** For people, e.g. "Monday", "09:00–10:00", "5–15 min". */
  readonly label: string;
  readonly trades: number;
  readonly wins: number;
  readonly losses: number;
  readonly scratches: number;
  /** wins / (wins + losses) × 100; null when wins + losses = 0. */
  readonly winRate: Decimal | null;
  readonly netPnlBase: Decimal;
  /** netPnlBase / trades; null when trades = 0. */
  readonly avgPnlBase: Decimal | null;
  readonly grossProfitBase: Decimal;
  /** ≤ 0. */
  readonly grossLossBase: Decimal;
  /** grossProfitBase / |grossLossBase|; null without losses. */
  readonly profitFactor: Decimal | null;
  readonly avgWinBase: Decimal | null;
  readonly avgLossBase: Decimal | null;
  /** The greatest winning trade; null without wins. */
  readonly largestWinBase: Decimal | null;
  /** The most negative losing trade; null without losses. */
  readonly largestLossBase: Decimal | null;
  /** Mean returnPct over the trades that have one; null when none has. */
  readonly avgReturnPct: Decimal | null;
  /** Mean returnPct of the winning trades that have one. */
  readonly avgWinPct: Decimal | null;
  /** Mean returnPct of the losing trades that have one. */
  readonly avgLossPct: Decimal | null;
}

/** P&L of the trades closed on one exchange-time calendar day (or month). */
export interface CalendarPnl {
  /** yyyy-MM-dd for days, yyyy-MM for months (exchange time, by closedAt). */
  readonly date: string;
  readonly trades: number;
  readonly wins: number;
  readonly losses: number;
  readonly scratches: number;
  readonly netPnlBase: Decimal;
}

/** One point per closed trade, in input order. */
export interface EquityPoint {
  /** The trade's closedAt (ISO-8601 UTC). */
  readonly time: string;
  /** This trade's realizedPnlBase. */
  readonly pnlBase: Decimal;
  /** Running sum of realizedPnlBase up to and including this trade. */
  readonly cumulativePnlBase: Decimal;
  /** Running peak (starting at 0) minus cumulativePnlBase; ≥ 0. */
  readonly drawdownBase: Decimal;
}

export interface Streak {
  readonly outcome: "win" | "loss";
  readonly length: number;
}

export interface Stats {
  /** IANA zone used for weekday, hour and calendar days, e.g. "America/New_York". */
  readonly timeZone: string;
  /** All trades as one group (key "all"). */
  readonly overall: GroupStats;
  readonly avgWinPct: Decimal | null;
  readonly avgLossPct: Decimal | null;
  /** Most consecutive wins in input order; a scratch or a loss ends a run. */
  readonly longestWinStreak: number;
  /** Most consecutive losses in input order; a scratch or a win ends a run. */
  readonly longestLossStreak: number;
  /** The run the last trade belongs to; null without trades or when the last trade is a scratch. */
  readonly currentStreak: Streak | null;
  /** Seconds; null without trades. */
  readonly avgHoldingSeconds: number | null;
  /** Seconds (mean of the two middle values for an even count); null without trades. */
  readonly medianHoldingSeconds: number | null;
  /** Sorted by symbol; only symbols with trades. */
  readonly bySymbol: readonly GroupStats[];
  /** Sorted by asset class; only classes with trades. */
  readonly byAssetClass: readonly GroupStats[];
  /** long, then short; only sides with trades. */
  readonly bySide: readonly GroupStats[];
  /** Monday … Sunday, all seven, by openedAt in exchange time. */
  readonly byWeekday: readonly GroupStats[];
  /** 00 … 23, all 24, by openedAt in exchange time. */
  readonly byHour: readonly GroupStats[];
  /** Every holding-time bucket, shortest first. */
  readonly byHoldingTime: readonly GroupStats[];
  /** Days with closed trades, ascending. */
  readonly daily: readonly CalendarPnl[];
  /** Months with closed trades, ascending. */
  readonly monthly: readonly CalendarPnl[];
  readonly equityCurve: readonly EquityPoint[];
  /** Largest drawdownBase of the equity curve; 0 without trades. */
  readonly maxDrawdownBase: Decimal;
}

export interface StatsOptions {
  /** IANA time zone of the exchange clock IB reports in: "America/New_York". */
  readonly timeZone: string;
}
