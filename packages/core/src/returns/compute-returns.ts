// Account performance from a statement's NAV and cash rows (returns-contract.md; extra figures in
// docs/metrics.md). Pure: the caller parses the files; per account, in base currency, exact decimals.
import type { CashTransaction, ChangeInNavRow, FlexData, Issue } from "../types.ts";
import { buildNavSeries, chainedTwrPct } from "./build-nav-series.ts";
import { cashFigures, flowsByDay } from "./cash-figures.ts";
import { dedupeCashTransactions } from "./dedupe-cash-transactions.ts";
import { moneyWeightedReturn } from "./money-weighted-return.ts";
import { periodReturns } from "./period-returns.ts";
import { reconcileTwr } from "./reconcile-twr.ts";
import type { AccountReturns, ReturnsRange, ReturnsReport } from "./returns-types.ts";
import { type NavPoint, selectNavDays } from "./select-nav-days.ts";
import { twrDrawdown } from "./twr-drawdown.ts";

export function computeReturns(data: FlexData, range: ReturnsRange = {}): ReturnsReport {
  const issues: Issue[] = [...data.issues];
  const navByAccount = selectNavDays(data.navRows ?? [], data.statements);
  const cashByAccount = groupBy(dedupeCashTransactions(data.cashTransactions ?? []), (r) => r.accountId);
  const changesByAccount = groupBy(data.changesInNav ?? [], (r) => r.accountId);
  const baseOf = new Map(data.accounts.map((a) => [a.accountId, a.baseCurrency]));
  const accounts: AccountReturns[] = [];
  for (const accountId of [...navByAccount.keys()].sort(byCodeUnits)) {
    const all = navByAccount.get(accountId) ?? [];
    const points = inRange(all, range);
    if (points.length === 0) continue;
    accounts.push(
      accountReturns(
        accountId,
        baseOf.get(accountId) ?? null,
        all,
        points,
        cashByAccount.get(accountId) ?? [],
        changesByAccount.get(accountId) ?? [],
        issues,
      ),
    );
  }
  return { accounts, issues };
}

function accountReturns(
  accountId: string,
  baseCurrency: string | null,
  all: readonly NavPoint[],
  points: readonly NavPoint[],
  cash: readonly CashTransaction[],
  changes: readonly ChangeInNavRow[],
  issues: Issue[],
): AccountReturns {
  const flows = flowsByDay(cash);
  const { days, zeroCapitalDays } = buildNavSeries(points, flows);
  // Reconciliation reads the whole series: IB's range need not lie inside the one asked for.
  const reconciliation = reconcileTwr(changes, points === all ? days : buildNavSeries(all, flows).days);
  const d0 = days[0];
  const dn = days[days.length - 1];
  const d1 = days[1];
  if (d0 === undefined || dn === undefined || d1 === undefined) {
    issues.push({
      code: "no-nav-series",
      path: accountId,
      message: `Account ${accountId} has fewer than two NAV days ("Net Asset Value (NAV) in Base"): no return.`,
    });
    return {
      accountId,
      baseCurrency,
      from: null,
      to: null,
      startingNav: null,
      endingNav: null,
      cash: null,
      twrPct: null,
      mwrPct: null,
      irrPct: null,
      maxDrawdown: null,
      monthlyReturns: [],
      yearlyReturns: [],
      navSeries: days,
      reconciliation,
    };
  }
  for (const date of zeroCapitalDays) {
    issues.push({
      code: "zero-capital-day",
      path: `${accountId}.${date}`,
      message: `Account ${accountId} had no capital at the start of ${date} (NAV plus flows is 0): its return counts as 0.`,
    });
  }
  const navDates = new Set(days.map((d) => d.date));
  const periodFlows = [...flows]
    .filter(([date]) => date > d0.date && date <= dn.date)
    .sort(([a], [b]) => byCodeUnits(a, b))
    .map(([date, amount]) => ({ date, amount }));
  for (const { date } of periodFlows) {
    if (navDates.has(date)) continue;
    issues.push({
      code: "flow-outside-nav-days",
      path: `${accountId}.${date}`,
      message: `Account ${accountId} has a deposit or withdrawal on ${date}, a day without NAV row: the daily returns do not take it out.`,
    });
  }
  const mwr = moneyWeightedReturn({ date: d0.date, amount: d0.nav }, periodFlows, {
    date: dn.date,
    amount: dn.nav,
  });
  return {
    accountId,
    baseCurrency,
    from: d1.date,
    to: dn.date,
    startingNav: d0.nav,
    endingNav: dn.nav,
    cash: cashFigures(cash, d0.date, dn.date),
    twrPct: chainedTwrPct(days),
    mwrPct: mwr?.mwrPct ?? null,
    irrPct: mwr?.irrPct ?? null,
    maxDrawdown: twrDrawdown(days),
    monthlyReturns: periodReturns(days, 7),
    yearlyReturns: periodReturns(days, 4),
    navSeries: days,
    reconciliation,
  };
}

/** The NAV days from the last one before `from` (it opens the period) up to `to`. */
function inRange(points: readonly NavPoint[], range: ReturnsRange): readonly NavPoint[] {
  if (range.from === undefined && range.to === undefined) return points;
  const { from, to } = range;
  let start = 0;
  if (from !== undefined) {
    const firstIn = points.findIndex((p) => p.date >= from);
    start = firstIn < 0 ? points.length : Math.max(firstIn - 1, 0);
  }
  return points.slice(start).filter((p) => to === undefined || p.date <= to);
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list === undefined) out.set(k, [row]);
    else list.push(row);
  }
  return out;
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
