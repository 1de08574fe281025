// The same account shows up in several statements (and in headers without AccountInformation): keep one each.
import type { AccountInfo } from "../types.ts";

/** One entry per accountId in first-seen order, preferring an entry that knows the base currency. */
export function mergeAccounts(accounts: readonly AccountInfo[]): AccountInfo[] {
  const byId = new Map<string, AccountInfo>();
  for (const a of accounts) {
    const seen = byId.get(a.accountId);
    if (seen === undefined || (seen.baseCurrency === null && a.baseCurrency !== null))
      byId.set(a.accountId, a);
  }
  return [...byId.values()];
}
