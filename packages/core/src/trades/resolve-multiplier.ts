// Rule 4: multiplier = the row's, else SecuritiesInfo's (by conid, else by symbol), else 1.
import { type Decimal, ONE } from "../money.ts";
import type { InstrumentFields, SecurityInfo } from "../types.ts";

export interface MultiplierResolver {
  (f: InstrumentFields): Decimal;
  /** The multiplier of a row without one of its own: SecuritiesInfo's by conid, else by symbol, else 1. */
  readonly fallback: (f: InstrumentFields) => Decimal;
}

// A zero multiplier is as useless as a missing one (it would zero every cash flow), so it counts as absent.
export const usableMultiplier = (m: Decimal | null): m is Decimal => m !== null && !m.isZero();

export function createMultiplierResolver(securities: readonly SecurityInfo[]): MultiplierResolver {
  const byConid = new Map<string, Decimal>();
  const bySymbol = new Map<string, Decimal>();
  for (const s of securities) {
    if (!usableMultiplier(s.multiplier)) continue;
    if (s.conid !== null && !byConid.has(s.conid)) byConid.set(s.conid, s.multiplier);
    if (!bySymbol.has(s.symbol)) bySymbol.set(s.symbol, s.multiplier);
  }
  const fallback = (f: InstrumentFields): Decimal => {
    if (f.conid !== null) {
      const m = byConid.get(f.conid);
      if (m !== undefined) return m;
    }
    return bySymbol.get(f.symbol) ?? ONE;
  };
  const resolve = (f: InstrumentFields): Decimal =>
    usableMultiplier(f.multiplier) ? f.multiplier : fallback(f);
  return Object.assign(resolve, { fallback });
}
