// returns-contract "Inputs": a day held by several statements counts once, from the statement with the
// latest toDate (ties: the later file, i.e. the higher statement index).
import type { Decimal } from "../money.ts";
import type { NavRow, StatementMeta } from "../types.ts";

export interface NavPoint {
  readonly date: string;
  readonly nav: Decimal;
}

/** Each account's NAV days in date order. */
export function selectNavDays(
  rows: readonly NavRow[],
  statements: readonly StatementMeta[],
): Map<string, NavPoint[]> {
  const toDateOf = new Map<number, string>();
  for (const s of statements) toDateOf.set(s.index, s.toDate ?? "");
  const chosen = new Map<string, NavRow>();
  for (const row of rows) {
    const key = `${row.accountId}\u001f${row.reportDate}`;
    const held = chosen.get(key);
    if (held === undefined || !isOlder(row, held, toDateOf)) chosen.set(key, row);
  }
  const byAccount = new Map<string, NavPoint[]>();
  for (const row of chosen.values()) {
    let days = byAccount.get(row.accountId);
    if (days === undefined) {
      days = [];
      byAccount.set(row.accountId, days);
    }
    days.push({ date: row.reportDate, nav: row.total });
  }
  for (const days of byAccount.values())
    days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return byAccount;
}

/** True when `row` loses to `held`: an earlier toDate, or the same toDate in an earlier statement. */
function isOlder(row: NavRow, held: NavRow, toDateOf: ReadonlyMap<number, string>): boolean {
  const a = toDateOf.get(row.statementIndex) ?? "";
  const b = toDateOf.get(held.statementIndex) ?? "";
  if (a !== b) return a < b;
  return row.statementIndex < held.statementIndex;
}
