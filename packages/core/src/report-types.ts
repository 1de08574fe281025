// What the trade builder and the statistics produce. Field names follow ../shared/report-contract.md;
// values are Decimals here and become JSON strings only in report-json.ts.
import type { Decimal } from "./money.ts";
import type { Issue } from "./types.ts";

export type Side = "long" | "short";
export type ReconciliationStatus = "matches" | "differs" | "unavailable";

export interface Reconciliation {
  /** Σ fifoPnlRealized of the trade's executions; null when none carries it. */
  readonly brokerPnl: Decimal | null;
  readonly status: ReconciliationStatus;
  readonly reason: string | null;
}

/** One execution's share in a round trip (a flip row is split between two trades). */
export interface TradeLeg {
  readonly executionId: string | null;
  /** ISO-8601 UTC. */
  readonly time: string;
  /** Signed quantity of this leg (the part of the execution that belongs to this trade). */
  readonly quantity: Decimal;
  readonly price: Decimal;
  readonly multiplier: Decimal;
  /** Commission share of this leg, in the trade's currency (≤ 0). */
  readonly commission: Decimal;
  /** −quantity × price × multiplier + commission. */
  readonly cashFlow: Decimal;
  readonly fxRateToBase: Decimal;
  /** True when this leg opened or added to the position. */
  readonly opening: boolean;
  /** Synthetic closes (rule 9 OptionEAE rows) carry the event type; real executions null. */
  readonly synthetic: string | null;
}

/** A closed round trip (rule 7). */
export interface RoundTrip {
  readonly accountId: string;
  readonly symbol: string;
  readonly conid: string | null;
  readonly assetClass: string;
  readonly side: Side;
  readonly openedAt: string;
  readonly closedAt: string;
  readonly quantity: Decimal;
  readonly currency: string;
  readonly realizedPnl: Decimal;
  readonly fees: Decimal;
  readonly realizedPnlBase: Decimal;
  /** null when nothing was opened with a non-zero value (e.g. a zero-price position). */
  readonly returnPct: Decimal | null;
  readonly executionIds: readonly string[];
  readonly reconciliation: Reconciliation;
  readonly legs: readonly TradeLeg[];
  /** Seconds between openedAt and closedAt. */
  readonly holdingSeconds: number;
}

export interface OpenPosition {
  readonly accountId: string;
  readonly symbol: string;
  readonly conid: string | null;
  readonly assetClass: string;
  readonly currency: string;
  readonly quantity: Decimal;
  /** ISO-8601 UTC of the open trade's first execution; null when opened before the statement. */
  readonly openedAt: string | null;
}

export interface UnmatchedExecution {
  readonly accountId: string;
  readonly symbol: string;
  readonly conid: string | null;
  readonly quantity: Decimal;
  readonly executionId: string | null;
  readonly time: string;
  readonly reason: string;
}

export interface TradeBook {
  readonly trades: readonly RoundTrip[];
  readonly openPositions: readonly OpenPosition[];
  readonly unmatched: readonly UnmatchedExecution[];
  readonly issues: readonly Issue[];
}

/** Rule 13. Counts are numbers here; the JSON prints them as strings. */
export interface Summary {
  readonly baseCurrency: string | null;
  readonly trades: number;
  readonly wins: number;
  readonly losses: number;
  readonly scratches: number;
  readonly winRate: Decimal | null;
  readonly netPnlBase: Decimal;
  readonly grossProfitBase: Decimal;
  readonly grossLossBase: Decimal;
  readonly profitFactor: Decimal | null;
  readonly expectancyBase: Decimal | null;
  readonly avgWinBase: Decimal | null;
  readonly avgLossBase: Decimal | null;
  readonly largestWinBase: Decimal | null;
  readonly largestLossBase: Decimal | null;
  readonly avgReturnPct: Decimal | null;
  readonly maxDrawdownBase: Decimal;
}

export interface AccountSummary {
  readonly accountId: string;
  readonly baseCurrency: string | null;
}

/** Everything `closeout report` prints, before JSON encoding. */
export interface Report {
  readonly accounts: readonly AccountSummary[];
  readonly trades: readonly RoundTrip[];
  readonly openPositions: readonly OpenPosition[];
  readonly unmatched: readonly UnmatchedExecution[];
  readonly summary: Summary;
  readonly issues: readonly Issue[];
}
