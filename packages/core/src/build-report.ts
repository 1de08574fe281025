// Composes the pure pipeline: FlexData → trades (rules 1–12) → summary (rule 13) → Report (rule 15 order).
import type { AccountSummary, Report } from "./report-types.ts";
import { computeSummary } from "./stats/index.ts";
import { buildTrades } from "./trades/index.ts";
import type { FlexData } from "./types.ts";

/** One entry per account seen anywhere in the data, with its base currency when AccountInformation gave it. */
export function listAccounts(data: FlexData): AccountSummary[] {
  const base = new Map<string, string | null>();
  const rows = [
    data.statements,
    data.executions,
    data.optionEvents,
    data.corporateActions,
    data.openPositions,
    data.transfers,
  ];
  for (const list of rows) {
    for (const r of list) if (r.accountId !== "" && !base.has(r.accountId)) base.set(r.accountId, null);
  }
  for (const a of data.accounts) {
    if (a.baseCurrency !== null || !base.has(a.accountId)) base.set(a.accountId, a.baseCurrency);
  }
  return [...base.entries()]
    .map(([accountId, baseCurrency]) => ({ accountId, baseCurrency }))
    .sort((a, b) => compareStrings(a.accountId, b.accountId));
}

export function buildReport(data: FlexData): Report {
  const book = buildTrades(data);
  const accounts = listAccounts(data);
  const { summary, issues: summaryIssues } = computeSummary(book.trades, accounts);
  return {
    accounts,
    trades: book.trades,
    openPositions: book.openPositions,
    unmatched: book.unmatched,
    summary,
    issues: [...data.issues, ...book.issues, ...summaryIssues],
  };
}

/** Code-unit order, so output order never depends on the machine's locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
