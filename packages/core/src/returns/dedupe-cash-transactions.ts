// returns-contract "Inputs": one cash row per (account, transactionID); rows without it count once per
// identical attributes, so overlapping statements and a statement given twice add nothing.
import type { CashTransaction } from "../types.ts";

export function dedupeCashTransactions(rows: readonly CashTransaction[]): CashTransaction[] {
  const seen = new Set<string>();
  const out: CashTransaction[] = [];
  for (const row of rows) {
    const key =
      row.transactionId !== null
        ? `${row.accountId}\u001fid\u001f${row.transactionId}`
        : `${row.accountId}\u001fraw\u001f${row.rawKey}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(row);
  }
  return out;
}
