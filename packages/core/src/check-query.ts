// Does a Flex query deliver what closeout needs? (report-contract "Query check"). Messages use the words of
// IB's Flex query screen so a user can find the setting to change.
import type { FlexData, StatementMeta } from "./types.ts";

export interface QueryCheckResult {
  /** True when nothing is missing (warnings do not count). */
  readonly ok: boolean;
  /** Element names of required sections absent from at least one FlexStatement. */
  readonly missingSections: string[];
  readonly missingFields: string[];
  /** Element names of recommended sections absent from at least one FlexStatement; never makes `ok` false. */
  readonly missingRecommended: string[];
  readonly warnings: string[];
}

/** Required sections, in the order IB's query screen lists them. */
export const REQUIRED_SECTIONS: readonly string[] = [
  "AccountInformation",
  "CorporateActions",
  "SecuritiesInfo",
  "TradeTransfers",
  "OpenPositions",
  "OptionEAE",
  "Trades",
];

/** Optional sections: a query works without them, and each one unlocks account performance figures. */
export interface RecommendedSection {
  readonly element: string;
  /** IB's name on the Flex query screen. */
  readonly label: string;
  /** What closeout shows with it. */
  readonly unlocks: string;
}

export const RECOMMENDED_SECTIONS: readonly RecommendedSection[] = [
  {
    element: "CashTransactions",
    label: "Cash Transactions",
    unlocks: "deposits and withdrawals, dividends, withholding tax, interest and fees",
  },
  {
    element: "ChangeInNAV",
    label: "Change in NAV",
    unlocks: "IB's own time-weighted return, to check closeout's account return against",
  },
  {
    element: "EquitySummaryInBase",
    label: "Net Asset Value (NAV) in Base",
    unlocks: "the daily NAV, and with it the account's time-weighted and money-weighted return",
  },
];

const SECTION_LABELS: Readonly<Record<string, string>> = {
  AccountInformation: "Account Information",
  CorporateActions: "Corporate Actions",
  SecuritiesInfo: "Financial Instrument Information",
  TradeTransfers: "Incoming/Outgoing Trade Transfers",
  OpenPositions: "Open Positions",
  OptionEAE: "Option Exercises, Assignments and Expirations",
  Trades: "Trades",
  Transfers: "Transfers",
  ConversionRates: "Conversion Rates",
  CashTransactions: "Cash Transactions",
  ChangeInNAV: "Change in NAV",
  EquitySummaryInBase: "Net Asset Value (NAV) in Base",
};

/** IB's screen name of a section element ("SecuritiesInfo" → "Financial Instrument Information"). */
export function sectionLabel(elementName: string): string {
  return SECTION_LABELS[elementName] ?? elementName;
}

const PERIOD_LABELS: Readonly<Record<string, string>> = {
  LastBusinessDay: "Last Business Day",
  LastNCalendarDays: "Last N Calendar Days",
  LastNBusinessDays: "Last N Business Days",
  LastWeek: "Last Week",
  LastMonth: "Last Month",
  LastQuarter: "Last Quarter",
  LastYear: "Last Year",
  MonthToDate: "Month to Date",
  QuarterToDate: "Quarter to Date",
  YearToDate: "Year to Date",
  Last365CalendarDays: "Last 365 Calendar Days",
};

const DAY_MS = 86_400_000;

export function checkQuery(data: FlexData): QueryCheckResult {
  const lacks = (s: string) =>
    data.statements.length === 0 || data.statements.some((st) => !st.sections.includes(s));
  const missingSections = REQUIRED_SECTIONS.filter(lacks);
  const missingRecommended = RECOMMENDED_SECTIONS.map((r) => r.element).filter(lacks);
  const missingFields: string[] = [];
  // Without any execution we cannot tell whether the field is selected, so only a present-but-timeless
  // execution list counts as missing dateTime.
  if (data.shape.hasExecutions && !data.shape.executionsHaveTime) missingFields.push("Trades.dateTime");
  if (!data.shape.accountCurrencyPresent) missingFields.push("AccountInformation.currency");

  const warnings: string[] = [];
  const several = new Set(data.statements.map((s) => s.accountId)).size > 1;
  for (const st of data.statements) {
    const w = periodWarning(st);
    if (w !== null) {
      const line = several ? `Account ${st.accountId}: ${w}` : w;
      if (!warnings.includes(line)) warnings.push(line);
    }
  }
  if (data.statements.length === 0)
    warnings.push("The file holds no FlexStatement: the query returned nothing.");
  if (data.statements.length > 0 && !data.shape.hasExecutions) {
    warnings.push(
      'The statement has no executions: either nothing was traded in the period, or the "Trades" section ' +
        'does not have "Execution" ticked under Options.',
    );
  }
  if (data.executions.length > 0 && data.executions.every((e) => e.fifoPnlRealized === null)) {
    warnings.push(
      'Trades carry no "Realized P/L" (fifoPnlRealized): closeout cannot reconcile its trades with IB\'s ' +
        'figures; select that field in the "Trades" section.',
    );
  }
  if (data.issues.length > 0) {
    warnings.push(`${data.issues.length} row(s) could not be read and were skipped (see issues).`);
  }
  return {
    ok: missingSections.length === 0 && missingFields.length === 0,
    missingSections,
    missingFields,
    missingRecommended,
    warnings,
  };
}

/** A statement shorter than a year misses round trips opened earlier (unless it is already the daily 365). */
function periodWarning(st: StatementMeta): string | null {
  if (st.period === "Last365CalendarDays") return null;
  const fix = 'set Period to "Last 365 Calendar Days" so closeout sees a full year of trades.';
  const what = st.period === null ? "a custom date range" : `"${PERIOD_LABELS[st.period] ?? st.period}"`;
  if (st.fromDate === null || st.toDate === null) return `Period is ${what} without fromDate/toDate: ${fix}`;
  const days = Math.round((Date.parse(st.toDate) - Date.parse(st.fromDate)) / DAY_MS) + 1;
  if (days >= 365) return null;
  const range = st.period === null ? `${st.fromDate} to ${st.toDate}, ` : "";
  return `Period is ${what} (${range}${days === 1 ? "1 day" : `${days} days`}): ${fix}`;
}
