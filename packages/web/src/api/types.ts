// The answers of the closeout HTTP API (docs/api.md), in one place. Every money amount, quantity, price,
// percent and ratio is a decimal string; the web app formats them and never does arithmetic on them.
// When `@closeout/server` exports `AppType`, these shapes come from `hc<AppType>` instead (see client.ts).

export type Decimal = string;
export type PublicProfileMode = "off" | "percent" | "full";

export interface User {
  id: string;
  email: string;
  handle: string | null;
  publicProfile: PublicProfileMode;
}

export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    fields?: Record<string, string>;
    /** IB Flex Web Service error code when a link's test pull failed (e.g. "1012" token expired). */
    ibErrorCode?: string | null;
    /** Present when a link was refused because the Flex query lacks sections or fields. */
    check?: QueryCheck;
  };
}

/** The result of checking a Flex statement against what closeout needs (report contract, "Query check"). */
export interface QueryCheck {
  ok: boolean;
  /** Flex element names, e.g. "OptionEAE"; the UI shows IB's screen names. */
  missingSections: string[];
  /** e.g. "Trades.dateTime", "AccountInformation.currency". */
  missingFields: string[];
  warnings: string[];
  /** The same problems as sentences, from the server. */
  problems?: string[];
}

export type LinkStatus =
  | "pending"
  | "active"
  | "syncing"
  | "token-expiring"
  | "token-expired"
  | "token-invalid"
  | "ip-restricted"
  | "query-invalid"
  | "ib-unavailable"
  | "statement-rejected"
  | "account-conflict"
  | "error"
  | "disabled";

export interface Account {
  id: string;
  accountId: string;
  baseCurrency: string | null;
  alias: string | null;
  linkId?: string | null;
  firstTradeAt: string | null;
  lastTradeAt: string | null;
}

export interface Link {
  id: string;
  queryId: string;
  status: LinkStatus | string;
  statusMessage: string | null;
  /** yyyy-MM-dd */
  tokenExpiresOn: string | null;
  tokenWarning: string | null;
  lastSyncAt: string | null;
  nextSyncAt: string | null;
  createdAt?: string;
  /** IB account ids, e.g. "U1234567". */
  accounts: string[];
}

/** An account found in the link's test pull. */
export interface LinkAccount {
  accountId: string;
  baseCurrency: string | null;
  executions: number;
  fromDate: string | null;
  toDate: string | null;
  description: string;
}

export interface CreateLinkAnswer {
  link: Link;
  check: QueryCheck;
  accounts: LinkAccount[];
}

export type SyncStatus = "queued" | "running" | "succeeded" | "failed" | string;

export interface Sync {
  id: string;
  status: SyncStatus;
  startedAt: string | null;
  finishedAt: string | null;
  ibErrorCode: string | null;
  message: string | null;
  executionsAdded: number | null;
}

export interface ImportAnswer {
  executionsAdded: number;
  executionsExisting: number;
  tradesRebuilt: number;
  issues: { code: string; path: string; message: string }[];
}

export type ReconciliationStatus = "matches" | "differs" | "unavailable";

/** core's TradeJson plus the API's id. */
export interface Trade {
  id: string;
  accountId: string;
  symbol: string;
  conid: string | null;
  assetClass: string;
  side: "long" | "short" | string;
  openedAt: string;
  closedAt: string;
  quantity: Decimal;
  currency: string;
  realizedPnl: Decimal;
  fees: Decimal;
  realizedPnlBase: Decimal;
  returnPct: Decimal | null;
  executionIds: string[];
  reconciliation: { brokerPnl: Decimal | null; status: ReconciliationStatus | string; reason: string | null };
  holdingSeconds: number;
}

export interface TradesPage {
  trades: Trade[];
  nextCursor: string | null;
}

export interface Execution {
  id: string;
  /** ISO-8601 UTC. */
  time: string;
  /** IB's wall time in America/New_York, as written by IB (informational). */
  timeExchange?: string | null;
  quantity: Decimal;
  price: Decimal;
  commission: Decimal;
  multiplier?: Decimal;
  cashFlow?: Decimal;
  fxRateToBase?: Decimal;
  /** True for the execution(s) that opened or added to the position. */
  opening?: boolean;
  /** A closing execution closeout added (option expiry/assignment booked by IB without an execution). */
  synthetic?: boolean;
  exchange?: string | null;
  commissionCurrency?: string | null;
  buySell?: string | null;
  openCloseIndicator?: string | null;
  notes?: string[];
  fifoPnlRealized?: Decimal | null;
}

export interface TradeDetail {
  trade: Trade;
  executions: Execution[];
}

export interface OpenPosition {
  accountId: string;
  symbol: string;
  conid: string | null;
  assetClass?: string;
  currency?: string;
  quantity: Decimal;
  openedAt?: string | null;
}

export interface Unmatched {
  accountId: string;
  symbol: string;
  conid: string | null;
  quantity: Decimal;
  executionId: string | null;
  time?: string | null;
  reason: string;
  /** Plain words from the server. */
  explanation?: string;
}

/** report contract rule 13; counts are decimal strings too. */
export interface Summary {
  baseCurrency: string | null;
  trades: Decimal;
  wins: Decimal;
  losses: Decimal;
  scratches: Decimal;
  winRate: Decimal | null;
  netPnlBase: Decimal;
  grossProfitBase: Decimal;
  grossLossBase: Decimal;
  profitFactor: Decimal | null;
  expectancyBase: Decimal | null;
  avgWinBase: Decimal | null;
  avgLossBase: Decimal | null;
  largestWinBase: Decimal | null;
  largestLossBase: Decimal | null;
  avgReturnPct: Decimal | null;
  maxDrawdownBase: Decimal;
}

type Count = number | string;

/** core's GroupStats at the JSON edge. */
export interface GroupStats {
  key: string;
  label: string;
  trades: Count;
  wins: Count;
  losses: Count;
  scratches: Count;
  winRate: Decimal | null;
  netPnlBase: Decimal;
  avgPnlBase: Decimal | null;
  grossProfitBase: Decimal;
  grossLossBase: Decimal;
  profitFactor: Decimal | null;
  avgWinBase: Decimal | null;
  avgLossBase: Decimal | null;
  largestWinBase: Decimal | null;
  largestLossBase: Decimal | null;
  avgReturnPct: Decimal | null;
  avgWinPct: Decimal | null;
  avgLossPct: Decimal | null;
}

export interface CalendarDay {
  /** yyyy-MM-dd (days) or yyyy-MM (months), exchange time. */
  date: string;
  trades: Count;
  wins: Count;
  losses: Count;
  scratches: Count;
  netPnlBase: Decimal;
}

export interface EquityPoint {
  time: string;
  pnlBase: Decimal;
  cumulativePnlBase: Decimal;
  drawdownBase: Decimal;
}

export interface Stats {
  timeZone: string;
  overall: GroupStats;
  avgWinPct: Decimal | null;
  avgLossPct: Decimal | null;
  longestWinStreak: Count;
  longestLossStreak: Count;
  currentStreak: { outcome: "win" | "loss"; length: Count } | null;
  avgHoldingSeconds: Count | null;
  medianHoldingSeconds: Count | null;
  bySymbol: GroupStats[];
  byAssetClass: GroupStats[];
  bySide: GroupStats[];
  byWeekday: GroupStats[];
  byHour: GroupStats[];
  byHoldingTime: GroupStats[];
  daily: CalendarDay[];
  monthly: CalendarDay[];
  equityCurve: EquityPoint[];
  maxDrawdownBase: Decimal;
}

export interface StatsAnswer {
  summary: Summary;
  stats: Stats;
}

/** A group of the public profile: percentages and counts only. */
export interface PublicGroup {
  key: string;
  label: string;
  trades: Count;
  winRate: Decimal | null;
  avgReturnPct: Decimal | null;
}

/** GET /api/public/:handle. In "percent" mode there is no amount, quantity or account id anywhere. */
export interface PublicProfile {
  handle: string;
  mode: PublicProfileMode;
  verified: boolean;
  source?: "ib-flex-link" | "uploaded-statements" | "mixed" | string;
  minTrades: Count;
  trades: Count;
  enoughTrades: boolean;
  profile: {
    /** yyyy-MM-dd of the first trade. */
    since: string | null;
    winRate: Decimal | null;
    profitFactor: Decimal | null;
    avgReturnPct: Decimal | null;
    avgWinPct: Decimal | null;
    avgLossPct: Decimal | null;
    wins: Count;
    losses: Count;
    scratches: Count;
    longestWinStreak: Count;
    longestLossStreak: Count;
    avgHoldingSeconds: Count | null;
    medianHoldingSeconds: Count | null;
    byAssetClass: PublicGroup[];
    bySide: PublicGroup[];
    byWeekday: PublicGroup[];
    byHoldingTime: PublicGroup[];
    monthly: { month: string; trades: Count; wins: Count; losses: Count }[];
  } | null;
  /** Only in "full" mode. */
  summary?: Summary | null;
}

/** Query parameters of GET /api/trades, /api/trades.csv and /api/stats. */
export interface TradeFilters {
  account?: string;
  symbol?: string;
  assetClass?: string;
  side?: "long" | "short";
  from?: string;
  to?: string;
  outcome?: "win" | "loss" | "scratch";
  minHoldSeconds?: number;
  maxHoldSeconds?: number;
}

export type TradeSort =
  | "closedAt"
  | "-closedAt"
  | "realizedPnlBase"
  | "-realizedPnlBase"
  | "returnPct"
  | "-returnPct"
  | "symbol"
  | "-symbol"
  | "holdingSeconds"
  | "-holdingSeconds";
