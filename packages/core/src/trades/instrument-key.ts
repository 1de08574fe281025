// Rule 4: an instrument is account + conid; rows without conid fall back to the contract's descriptive fields.
import type { InstrumentFields } from "../types.ts";

export function instrumentKey(accountId: string, f: InstrumentFields): string {
  if (f.conid !== null) return `${accountId}\u0000c\u0000${f.conid}`;
  return `${accountId}\u0000d\u0000${f.assetClass}\u0000${f.symbol}\u0000${f.expiry ?? ""}\u0000${f.strike ?? ""}\u0000${f.putCall ?? ""}`;
}
