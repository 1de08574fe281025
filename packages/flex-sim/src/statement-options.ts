import { createRng, hashString } from "./create-rng.ts";
import { type CalendarDay, type DateFormat, parseIsoDate } from "./trading-calendar.ts";

export interface GenerateStatementOptions {
  readonly seed: number;
  /** Account ids, or how many accounts to invent. */
  readonly accounts: number | readonly string[];
  /** Approximate number of executions (non-CASH Trade rows) over all accounts. */
  readonly executions: number;
  /** yyyy-MM-dd */
  readonly fromDate: string;
  /** yyyy-MM-dd */
  readonly toDate: string;
  readonly baseCurrency?: string;
  readonly dateFormat?: DateFormat;
  /** Section element names to leave out, e.g. ["OpenPositions"], to test query checks. */
  readonly omitSections?: readonly string[];
  readonly period?: string;
  readonly queryName?: string;
  /**
   * Also write the account-performance sections (CashTransactions, Net Asset Value (NAV) in Base, ChangeInNAV)
   * consistent with the trades and the market. Off by default, so statements of a seed stay as they were.
   */
  readonly accountSections?: boolean;
}

export interface StatementConfig {
  readonly seed: number;
  readonly accountIds: readonly string[];
  readonly executions: number;
  readonly from: CalendarDay;
  readonly to: CalendarDay;
  readonly baseCurrency: string;
  readonly dateFormat: DateFormat;
  readonly omit: ReadonlySet<string>;
  readonly period: string;
  readonly queryName: string;
  readonly accountSections: boolean;
}

export function normalizeStatementOptions(options: GenerateStatementOptions): StatementConfig {
  const from = parseIsoDate(options.fromDate);
  const to = parseIsoDate(options.toDate);
  if (to.serial < from.serial) throw new Error("toDate is before fromDate");
  if (!Number.isFinite(options.executions) || options.executions < 0)
    throw new Error("executions must be ≥ 0");
  return {
    seed: options.seed >>> 0,
    accountIds:
      typeof options.accounts === "number"
        ? inventAccountIds(options.seed, options.accounts)
        : [...options.accounts],
    executions: Math.round(options.executions),
    from,
    to,
    baseCurrency: options.baseCurrency ?? "USD",
    dateFormat: options.dateFormat ?? "yyyyMMdd",
    omit: new Set(options.omitSections ?? []),
    period: options.period ?? "Last365CalendarDays",
    queryName: options.queryName ?? "closeout",
    accountSections: options.accountSections ?? false,
  };
}

/** IB account ids are "U" + 7 digits; distinct and stable per seed. */
function inventAccountIds(seed: number, count: number): string[] {
  const rng = createRng(hashString(`accounts:${seed}`));
  const ids = new Set<string>();
  while (ids.size < Math.max(1, Math.floor(count))) ids.add(`U${rng.int(1_000_000, 9_999_999)}`);
  return [...ids];
}
