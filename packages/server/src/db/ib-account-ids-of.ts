// The IB accounts a statement touches: every account named by any of its rows (not the "-" summary copies,
// which the parser drops, nor rows without an account).
import type { FlexData } from "@closeout/core";

export function ibAccountIdsOf(data: FlexData): string[] {
  const ids = new Set<string>();
  for (const list of [
    data.accounts,
    data.statements,
    data.executions,
    data.optionEvents,
    data.corporateActions,
    data.openPositions,
    data.transfers,
    data.cashTransactions ?? [],
    data.navRows ?? [],
    data.changesInNav ?? [],
  ]) {
    for (const row of list) if (row.accountId !== "") ids.add(row.accountId);
  }
  return [...ids].sort();
}
