// Rule 13 of the report contract: the summary of closed trades, in one base currency.
import type { AccountSummary, RoundTrip, Summary } from "../report-types.ts";
import type { Issue } from "../types.ts";
import { DrawdownTracker } from "./equity-curve.ts";
import { GroupAccumulator } from "./group-stats.ts";

export interface BaseCurrencyScope {
  /** The base currency the figures are in; null when no account states one. */
  readonly baseCurrency: string | null;
  /** The trades of the covered accounts, in input order. */
  readonly trades: readonly RoundTrip[];
  readonly issues: Issue[];
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Amounts in different base currencies cannot be added, so with several base currencies only the accounts
 * whose base is that of the first account (in accountId order) are covered. Accounts without a known base
 * currency (no AccountInformation `currency`, or not listed in `accounts`) cannot be told apart and are
 * covered; the first account *with* a base currency decides.
 */
export function selectBaseCurrencyTrades(
  trades: readonly RoundTrip[],
  accounts: readonly AccountSummary[],
): BaseCurrencyScope {
  const baseById = new Map<string, string | null>();
  for (const { accountId, baseCurrency } of accounts) {
    if ((baseById.get(accountId) ?? null) === null) baseById.set(accountId, baseCurrency);
  }
  const ids = [...baseById.keys()].sort(byCodeUnits);
  let baseCurrency: string | null = null;
  for (const id of ids) {
    baseCurrency = baseById.get(id) ?? null;
    if (baseCurrency !== null) break;
  }
  const excluded = ids.filter((id) => {
    const base = baseById.get(id) ?? null;
    return base !== null && base !== baseCurrency;
  });
  if (excluded.length === 0) return { baseCurrency, trades, issues: [] };

  const excludedSet = new Set(excluded);
  const covered = ids.filter((id) => !excludedSet.has(id));
  const others = excluded.map((id) => `${id} (${baseById.get(id)})`).join(", ");
  return {
    baseCurrency,
    trades: trades.filter((trade) => !excludedSet.has(trade.accountId)),
    issues: [
      {
        code: "mixed-base-currencies",
        path: "summary",
        message:
          `accounts have different base currencies; the summary covers the ${baseCurrency} accounts ` +
          `(${covered.join(", ")}) and leaves out ${others}`,
      },
    ],
  };
}

/** Rule 13. `trades` must be in output order (closedAt, accountId, symbol, openedAt): drawdown depends on it. */
export function computeSummary(
  trades: readonly RoundTrip[],
  accounts: readonly AccountSummary[],
): { summary: Summary; issues: Issue[] } {
  const scope = selectBaseCurrencyTrades(trades, accounts);
  const group = new GroupAccumulator();
  const drawdown = new DrawdownTracker();
  for (const trade of scope.trades) {
    group.addTrade(trade);
    drawdown.add(trade.realizedPnlBase);
  }
  const g = group.finish("all", "All trades");
  return {
    summary: {
      baseCurrency: scope.baseCurrency,
      trades: g.trades,
      wins: g.wins,
      losses: g.losses,
      scratches: g.scratches,
      winRate: g.winRate,
      netPnlBase: g.netPnlBase,
      grossProfitBase: g.grossProfitBase,
      grossLossBase: g.grossLossBase,
      profitFactor: g.profitFactor,
      expectancyBase: g.avgPnlBase,
      avgWinBase: g.avgWinBase,
      avgLossBase: g.avgLossBase,
      largestWinBase: g.largestWinBase,
      largestLossBase: g.largestLossBase,
      avgReturnPct: g.avgReturnPct,
      maxDrawdownBase: drawdown.maxDrawdown,
    },
    issues: scope.issues,
  };
}
