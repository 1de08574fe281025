// Rule 8: a trade's returnPct, realizedPnl × 100 ÷ the value it opened with (docs/metrics.md).
import { type Decimal, HUNDRED } from "../money.ts";

/** returnPct is rounded half-even to this many places (docs/metrics.md, "Exactness"). */
export const RETURN_PLACES = 12;

export function returnPct(realizedPnl: Decimal, openedValue: Decimal): Decimal | null {
  if (openedValue.isZero()) return null;
  return realizedPnl.times(HUNDRED).div(openedValue).toDecimalPlaces(RETURN_PLACES);
}
