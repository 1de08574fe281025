// The JSON of `closeout returns --json` (returns-contract.md "JSON", plus docs/metrics.md's extra fields).
// Amounts are exact decimal strings; percentages are rounded half-even to IB's 9 places.
import { Decimal, decimalString } from "../money.ts";
import type { Issue } from "../types.ts";
import type { AccountReturns, PeriodReturn, ReturnsReport } from "./returns-types.ts";

export const PCT_PLACES = 9;

export function pctString(value: Decimal): string {
  return decimalString(value.toDecimalPlaces(PCT_PLACES, Decimal.ROUND_HALF_EVEN));
}

const pct = (v: Decimal | null): string | null => (v === null ? null : pctString(v));
const amount = (v: Decimal | null | undefined): string | null => (v == null ? null : decimalString(v));

export interface ReturnsJson {
  accounts: ReturnType<typeof accountReturnsToJson>[];
  issues: Issue[];
}

export function returnsToJson(report: ReturnsReport): ReturnsJson {
  return { accounts: report.accounts.map(accountReturnsToJson), issues: [...report.issues] };
}

export function accountReturnsToJson(a: AccountReturns) {
  const c = a.cash;
  return {
    accountId: a.accountId,
    baseCurrency: a.baseCurrency,
    from: a.from,
    to: a.to,
    startingNav: amount(a.startingNav),
    endingNav: amount(a.endingNav),
    deposits: amount(c?.deposits),
    withdrawals: amount(c?.withdrawals),
    dividends: amount(c?.dividends),
    withholdingTax: amount(c?.withholdingTax),
    interest: amount(c?.interest),
    fees: amount(c?.fees),
    commissionAdjustments: amount(c?.commissionAdjustments),
    twrPct: pct(a.twrPct),
    reconciliation: {
      brokerTwrPct: pct(a.reconciliation.brokerTwrPct),
      status: a.reconciliation.status,
      twrPct: pct(a.reconciliation.twrPct),
      fromDate: a.reconciliation.fromDate,
      toDate: a.reconciliation.toDate,
    },
    mwrPct: pct(a.mwrPct),
    irrPct: pct(a.irrPct),
    maxDrawdownPct: pct(a.maxDrawdown?.pct ?? null),
    maxDrawdownPeak: a.maxDrawdown?.peak ?? null,
    maxDrawdownTrough: a.maxDrawdown?.trough ?? null,
    monthlyReturns: a.monthlyReturns.map((m) => ({ month: m.period, ...periodToJson(m) })),
    yearlyReturns: a.yearlyReturns.map((y) => ({ year: y.period, ...periodToJson(y) })),
    navSeries: a.navSeries.map((d) => ({
      date: d.date,
      nav: decimalString(d.nav),
      flow: decimalString(d.flow),
      dailyReturnPct: d.dailyReturn === null ? null : pctString(d.dailyReturn.times(100)),
    })),
  };
}

function periodToJson(p: PeriodReturn) {
  return { from: p.from, to: p.to, twrPct: pctString(p.twrPct) };
}
