// SecuritiesInfo: the only place that reliably carries the contract multiplier when a query omits it on trades.
import type { SecurityInfo } from "../types.ts";
import type { Attrs } from "./read-attr.ts";
import { readInstrument } from "./read-instrument.ts";
import type { RowContext } from "./row-context.ts";

export function normalizeSecurityInfo(a: Attrs, ctx: RowContext): SecurityInfo | null {
  return readInstrument(a, ctx);
}
