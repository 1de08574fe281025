// What `computeReturns` produces (returns-contract.md, plus the figures docs/metrics.md adds). Exact decimals.
import type { Decimal } from "../money.ts";
import type { Issue } from "../types.ts";

/** One NAV day of the series d0 … dn. */
export interface NavDay {
  /** yyyy-MM-dd */
  readonly date: string;
  /** NAV at the end of the day, base currency. */
  readonly nav: Decimal;
  /** C(d): external flows booked on the day (deposits > 0, withdrawals < 0), taken at its start. */
  readonly flow: Decimal;
  /** r(i) as a ratio; null on d0, which only opens the period. */
  readonly dailyReturn: Decimal | null;
  /** Π (1 + r) up to and including this day; 1 on d0. */
  readonly twrIndex: Decimal;
}

/** A chain-linked TWR over the NAV days of one calendar month ("2025-03") or year ("2025"). */
export interface PeriodReturn {
  readonly period: string;
  /** First and last NAV day of the period that carries a daily return. */
  readonly from: string;
  readonly to: string;
  readonly twrPct: Decimal;
}

export type TwrReconciliationStatus = "matches" | "differs" | "unavailable";

export interface TwrReconciliation {
  /** IB's `twr` (percent) of the account's latest ChangeInNAV row; null when unavailable. */
  readonly brokerTwrPct: Decimal | null;
  readonly status: TwrReconciliationStatus;
  /** Our TWR over IB's fromDate..toDate; null when unavailable. */
  readonly twrPct: Decimal | null;
  readonly fromDate: string | null;
  readonly toDate: string | null;
}

export interface MaxDrawdown {
  /** The largest fall of the TWR index from a running peak, in percent (≥ 0). */
  readonly pct: Decimal;
  /** NAV day of the peak and of the trough; null when the index never fell. */
  readonly peak: string | null;
  readonly trough: string | null;
}

/** Figures over (d0, dn]: flows, income and costs in base currency, signs as IB writes them. */
export interface CashFigures {
  readonly deposits: Decimal;
  readonly withdrawals: Decimal;
  readonly dividends: Decimal;
  readonly withholdingTax: Decimal;
  readonly interest: Decimal;
  readonly fees: Decimal;
  readonly commissionAdjustments: Decimal;
}

export interface AccountReturns {
  readonly accountId: string;
  readonly baseCurrency: string | null;
  /** d1 and dn; null without a period (fewer than two NAV days). */
  readonly from: string | null;
  readonly to: string | null;
  readonly startingNav: Decimal | null;
  readonly endingNav: Decimal | null;
  /** Null without a period. */
  readonly cash: CashFigures | null;
  readonly twrPct: Decimal | null;
  /** Money-weighted return over the period (not annualised) and the annual IRR, in percent. */
  readonly mwrPct: Decimal | null;
  readonly irrPct: Decimal | null;
  readonly maxDrawdown: MaxDrawdown | null;
  readonly monthlyReturns: readonly PeriodReturn[];
  readonly yearlyReturns: readonly PeriodReturn[];
  /** d0 … dn (also the single day of an account without a period). */
  readonly navSeries: readonly NavDay[];
  readonly reconciliation: TwrReconciliation;
}

export interface ReturnsReport {
  /** In accountId order; accounts without NAV rows are not listed. */
  readonly accounts: readonly AccountReturns[];
  readonly issues: readonly Issue[];
}

/** An inclusive range of NAV days (yyyy-MM-dd); the NAV day before `from` opens the period. */
export interface ReturnsRange {
  readonly from?: string;
  readonly to?: string;
}
