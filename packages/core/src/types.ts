// Domain types shared by the parser, the trade builder and the statistics.
// Everything here is plain readonly data: money, prices, quantities and rates are exact decimals.
import type { Decimal } from "./money.ts";

/** A bad row or a questionable value: the row is skipped (or the value ignored); parsing goes on. */
export interface Issue {
  readonly code: string;
  /** Where, for people: e.g. `FlexStatement[0].Trades.Trade[7].quantity`. */
  readonly path: string;
  readonly message: string;
}

/** One `<FlexStatement>` element's header. */
export interface StatementMeta {
  readonly index: number;
  readonly accountId: string;
  /** yyyy-MM-dd, null when absent. */
  readonly fromDate: string | null;
  readonly toDate: string | null;
  readonly period: string | null;
  /** ISO-8601 UTC, null when absent or unreadable. */
  readonly whenGenerated: string | null;
  /** Section element names present directly under this FlexStatement (present-but-empty counts). */
  readonly sections: readonly string[];
}

export interface AccountInfo {
  readonly accountId: string;
  /** AccountInformation `currency`: the account's base currency; null when the field is missing. */
  readonly baseCurrency: string | null;
  readonly alias: string | null;
  readonly name: string | null;
}

/** Fields that identify a financial instrument, as IB writes them on most rows. */
export interface InstrumentFields {
  readonly conid: string | null;
  readonly symbol: string;
  readonly assetClass: string;
  readonly currency: string;
  readonly expiry: string | null;
  readonly strike: string | null;
  readonly putCall: string | null;
  readonly underlyingConid: string | null;
  readonly underlyingSymbol: string | null;
  readonly description: string | null;
  /** The row's own multiplier; null when absent (then SecuritiesInfo's, then 1 — rule 4). */
  readonly multiplier: Decimal | null;
}

/** A `Trade` row at execution level (rule 1), normalised. CASH rows are kept but flagged. */
export interface Execution extends InstrumentFields {
  readonly accountId: string;
  /** ISO-8601 UTC with Z, seconds precision. */
  readonly time: string;
  /** Milliseconds since epoch of `time`, for ordering. */
  readonly timeMs: number;
  /** yyyy-MM-dd (exchange date of the trade). */
  readonly tradeDate: string;
  /** Signed: positive buys, negative sells. */
  readonly quantity: Decimal;
  readonly price: Decimal;
  /** ≤ 0 in the row's commission currency. */
  readonly commission: Decimal;
  readonly commissionCurrency: string | null;
  readonly fxRateToBase: Decimal | null;
  readonly fifoPnlRealized: Decimal | null;
  readonly transactionId: string | null;
  readonly ibExecId: string | null;
  readonly tradeId: string | null;
  readonly origTradeId: string | null;
  readonly transactionType: string | null;
  readonly buySell: string | null;
  readonly openCloseIndicator: string | null;
  /** `notes` split on `;` and trimmed, e.g. ["Ep"], ["C", "P"]. */
  readonly notes: readonly string[];
  /** Rule 3: TradeCancel / notes `Ca` / buySell `(Ca.)`. */
  readonly isCancel: boolean;
  /** Rule 1: CASH rows are currency conversions, never trades. */
  readonly isConversion: boolean;
  readonly exchange: string | null;
  /** Global order of appearance across all files read, for stable tie-breaking (rule 5). */
  readonly fileOrder: number;
  /** Every attribute of the row as written (trimmed), for duplicate detection without ids (rule 2). */
  readonly rawKey: string;
}

export type OptionEventType = "Expiration" | "Assignment" | "Exercise" | "Cash Settlement";

/**
 * An `OptionEAE` row of type Expiration/Assignment/Exercise, or the `Cash Settlement` row that books a
 * cash-settled option's cash (rule 9). Other types (the delivered Buy/Sell) repeat executions and are not kept.
 */
export interface OptionEvent extends InstrumentFields {
  readonly accountId: string;
  readonly type: OptionEventType;
  /** yyyy-MM-dd */
  readonly date: string;
  /** As written (sign varies by IB version); rule 9 uses the absolute value. */
  readonly quantity: Decimal;
  /** Cash Settlement rows: the cash, received > 0, paid < 0; null when absent (and on other types). */
  readonly proceeds: Decimal | null;
  readonly fxRateToBase: Decimal | null;
  readonly fileOrder: number;
}

/** A `CorporateAction` row at DETAIL level (or without level) of a position-changing type (rule 10). */
export interface CorporateAction extends InstrumentFields {
  readonly accountId: string;
  readonly type: string;
  /** ISO-8601 UTC. */
  readonly time: string;
  readonly timeMs: number;
  /** Raw dateTime as written, used to group one action's rows. */
  readonly dateTimeRaw: string;
  readonly actionId: string | null;
  readonly description: string | null;
  readonly quantity: Decimal;
  readonly fileOrder: number;
}

/** An `OpenPosition` SUMMARY row (or without level): the position at the statement's end. */
export interface OpenPositionRow extends InstrumentFields {
  readonly accountId: string;
  /** Index into FlexData.statements of the statement this row came from. */
  readonly statementIndex: number;
  readonly position: Decimal;
}

/** `SecuritiesInfo` row: supplies multipliers and names. */
export interface SecurityInfo extends InstrumentFields {}

export interface ConversionRate {
  /** yyyy-MM-dd */
  readonly reportDate: string;
  readonly fromCurrency: string;
  readonly toCurrency: string;
  readonly rate: Decimal;
}

/** `TradeTransfer` / `Transfer` rows are kept for display; they do not change round trips. */
export interface TransferRow extends InstrumentFields {
  readonly accountId: string;
  readonly date: string | null;
  readonly quantity: Decimal | null;
  readonly direction: string | null;
  readonly kind: "TradeTransfer" | "Transfer";
}

/** A `CashTransaction` row at DETAIL level (or without level) of a real account (returns-contract "Inputs"). */
export interface CashTransaction {
  readonly accountId: string;
  /** IB's `type` as written, e.g. "Deposits/Withdrawals", "Dividends", "Withholding Tax". */
  readonly type: string;
  readonly currency: string | null;
  /** Signed as IB writes it: received > 0, paid < 0; a reversal is a row of its own with the opposite sign. */
  readonly amount: Decimal;
  readonly fxRateToBase: Decimal | null;
  /** yyyy-MM-dd: `reportDate`, else the date of `dateTime`. */
  readonly date: string;
  readonly transactionId: string | null;
  readonly description: string | null;
  /** Every attribute as written, for rows without `transactionID` (counted once per identical row); else "". */
  readonly rawKey: string;
}

/** An `EquitySummaryByReportDateInBase` row: the account's NAV (`total`, base currency) at the end of a day. */
export interface NavRow {
  readonly accountId: string;
  /** yyyy-MM-dd */
  readonly reportDate: string;
  readonly total: Decimal;
  /** Index into FlexData.statements: the statement with the latest `toDate` wins a day held twice. */
  readonly statementIndex: number;
}

/** A `ChangeInNAV` element: IB's own change in NAV and time-weighted return over fromDate..toDate. */
export interface ChangeInNavRow {
  readonly accountId: string;
  /** yyyy-MM-dd */
  readonly fromDate: string;
  readonly toDate: string;
  readonly startingValue: Decimal | null;
  readonly endingValue: Decimal | null;
  /** IB's `twr`, in percent; null when absent. */
  readonly twrPct: Decimal | null;
  readonly statementIndex: number;
}

/** What the query check needs to know about a statement's shape. */
export interface QueryShape {
  /** Section element names seen directly under a FlexStatement, e.g. "Trades", "OptionEAE". */
  readonly sections: readonly string[];
  /** True when at least one execution row carried a time of day (dateTime with time, or tradeTime). */
  readonly executionsHaveTime: boolean;
  /** True when some execution row exists at all. */
  readonly hasExecutions: boolean;
  /** True when AccountInformation rows carry a non-empty `currency`. */
  readonly accountCurrencyPresent: boolean;
}

/** Everything read from one or more Flex documents. */
export interface FlexData {
  readonly statements: readonly StatementMeta[];
  readonly accounts: readonly AccountInfo[];
  readonly executions: readonly Execution[];
  readonly optionEvents: readonly OptionEvent[];
  readonly corporateActions: readonly CorporateAction[];
  readonly openPositions: readonly OpenPositionRow[];
  readonly securities: readonly SecurityInfo[];
  readonly conversionRates: readonly ConversionRate[];
  readonly transfers: readonly TransferRow[];
  /** Optional sections (returns-contract): absent where the source does not carry them (e.g. stored books). */
  readonly cashTransactions?: readonly CashTransaction[];
  readonly navRows?: readonly NavRow[];
  readonly changesInNav?: readonly ChangeInNavRow[];
  readonly shape: QueryShape;
  readonly issues: readonly Issue[];
}
