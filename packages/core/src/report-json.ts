// The JSON of `closeout report --json` (report-contract.md, "JSON"). Every number becomes a decimal string
// (rule 14): amounts exactly as computed, ratios and percentages rounded to RATIO_PLACES.
import { type Decimal, decimalString, ratioString } from "./money.ts";
import type { OpenPosition, Report, RoundTrip, Summary, UnmatchedExecution } from "./report-types.ts";
import type { Issue } from "./types.ts";

const money = (v: Decimal): string => decimalString(v);
const moneyOrNull = (v: Decimal | null): string | null => (v === null ? null : decimalString(v));
const ratioOrNull = (v: Decimal | null): string | null => (v === null ? null : ratioString(v));

export interface TradeJson {
  accountId: string;
  symbol: string;
  conid: string | null;
  assetClass: string;
  side: string;
  openedAt: string;
  closedAt: string;
  quantity: string;
  currency: string;
  realizedPnl: string;
  fees: string;
  realizedPnlBase: string;
  returnPct: string | null;
  executionIds: string[];
  reconciliation: { brokerPnl: string | null; status: string; reason: string | null };
  holdingSeconds: number;
}

export function tradeToJson(t: RoundTrip): TradeJson {
  return {
    accountId: t.accountId,
    symbol: t.symbol,
    conid: t.conid,
    assetClass: t.assetClass,
    side: t.side,
    openedAt: t.openedAt,
    closedAt: t.closedAt,
    quantity: money(t.quantity),
    currency: t.currency,
    realizedPnl: money(t.realizedPnl),
    fees: money(t.fees),
    realizedPnlBase: money(t.realizedPnlBase),
    returnPct: ratioOrNull(t.returnPct),
    executionIds: [...t.executionIds],
    reconciliation: {
      brokerPnl: moneyOrNull(t.reconciliation.brokerPnl),
      status: t.reconciliation.status,
      reason: t.reconciliation.reason,
    },
    holdingSeconds: t.holdingSeconds,
  };
}

export function openPositionToJson(p: OpenPosition) {
  return {
    accountId: p.accountId,
    symbol: p.symbol,
    conid: p.conid,
    assetClass: p.assetClass,
    currency: p.currency,
    quantity: money(p.quantity),
    openedAt: p.openedAt,
  };
}

export function unmatchedToJson(u: UnmatchedExecution) {
  return {
    accountId: u.accountId,
    symbol: u.symbol,
    conid: u.conid,
    quantity: money(u.quantity),
    executionId: u.executionId,
    time: u.time,
    reason: u.reason,
  };
}

export function summaryToJson(s: Summary) {
  return {
    baseCurrency: s.baseCurrency,
    trades: String(s.trades),
    wins: String(s.wins),
    losses: String(s.losses),
    scratches: String(s.scratches),
    winRate: ratioOrNull(s.winRate),
    netPnlBase: money(s.netPnlBase),
    grossProfitBase: money(s.grossProfitBase),
    grossLossBase: money(s.grossLossBase),
    profitFactor: ratioOrNull(s.profitFactor),
    // Quotients of money are rounded like ratios: they are not amounts anyone paid.
    expectancyBase: ratioOrNull(s.expectancyBase),
    avgWinBase: ratioOrNull(s.avgWinBase),
    avgLossBase: ratioOrNull(s.avgLossBase),
    largestWinBase: moneyOrNull(s.largestWinBase),
    largestLossBase: moneyOrNull(s.largestLossBase),
    avgReturnPct: ratioOrNull(s.avgReturnPct),
    maxDrawdownBase: money(s.maxDrawdownBase),
  };
}

export interface ReportJson {
  accounts: { accountId: string; baseCurrency: string | null }[];
  trades: TradeJson[];
  openPositions: ReturnType<typeof openPositionToJson>[];
  unmatched: ReturnType<typeof unmatchedToJson>[];
  summary: ReturnType<typeof summaryToJson>;
  issues: Issue[];
}

export function reportToJson(report: Report): ReportJson {
  return {
    accounts: report.accounts.map((a) => ({ accountId: a.accountId, baseCurrency: a.baseCurrency })),
    trades: report.trades.map(tradeToJson),
    openPositions: report.openPositions.map(openPositionToJson),
    unmatched: report.unmatched.map(unmatchedToJson),
    summary: summaryToJson(report.summary),
    issues: report.issues.map((i) => ({ code: i.code, path: i.path, message: i.message })),
  };
}
