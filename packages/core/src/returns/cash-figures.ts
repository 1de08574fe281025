// returns-contract rules 2 and 5: which CashTransaction types are external flows, income or costs.
import { type Decimal, ZERO } from "../money.ts";
import type { CashTransaction } from "../types.ts";
import type { CashFigures } from "./returns-types.ts";

/** Deposits and withdrawals: the flows the TWR takes out (IB has written this type four ways). */
export const FLOW_TYPES: ReadonlySet<string> = new Set([
  "Deposits/Withdrawals",
  "Deposits & Withdrawals",
  "Deposits",
  "Withdrawals",
]);

type IncomeField = Exclude<keyof CashFigures, "deposits" | "withdrawals">;

const INCOME_FIELD: ReadonlyMap<string, IncomeField> = new Map([
  ["Dividends", "dividends"],
  ["Payment In Lieu Of Dividends", "dividends"],
  ["Withholding Tax", "withholdingTax"],
  ["Broker Interest Paid", "interest"],
  ["Broker Interest Received", "interest"],
  ["Bond Interest Paid", "interest"],
  ["Bond Interest Received", "interest"],
  ["Other Fees", "fees"],
  ["Advisor Fees", "fees"],
  ["Commission Adjustments", "commissionAdjustments"],
]);

/** amount × fxRateToBase (1 when absent). */
export function baseAmount(row: CashTransaction): Decimal {
  return row.fxRateToBase === null ? row.amount : row.amount.times(row.fxRateToBase);
}

/** Sums of the account's cash rows whose day lies in (after, upTo]. */
export function cashFigures(rows: readonly CashTransaction[], after: string, upTo: string): CashFigures {
  const f: Record<keyof CashFigures, Decimal> = {
    deposits: ZERO,
    withdrawals: ZERO,
    dividends: ZERO,
    withholdingTax: ZERO,
    interest: ZERO,
    fees: ZERO,
    commissionAdjustments: ZERO,
  };
  for (const row of rows) {
    if (row.date <= after || row.date > upTo) continue;
    const amount = baseAmount(row);
    if (FLOW_TYPES.has(row.type)) {
      if (amount.isPositive()) f.deposits = f.deposits.plus(amount);
      else f.withdrawals = f.withdrawals.plus(amount);
      continue;
    }
    const field = INCOME_FIELD.get(row.type);
    if (field !== undefined) f[field] = f[field].plus(amount);
  }
  return f;
}

/** C(d) per day: the base amounts of the flow rows, summed by day. */
export function flowsByDay(rows: readonly CashTransaction[]): Map<string, Decimal> {
  const flows = new Map<string, Decimal>();
  for (const row of rows) {
    if (!FLOW_TYPES.has(row.type)) continue;
    flows.set(row.date, (flows.get(row.date) ?? ZERO).plus(baseAmount(row)));
  }
  return flows;
}
