// What trading and holding the account cost (docs/metrics.md "Costs"): commissions from the closed trades,
// fees and interest from the cash rows, each also as a share of the gross trading P&L (before commissions).
import { type Decimal, ZERO } from "../money.ts";
import type { RoundTrip } from "../report-types.ts";
import type { CashFigures } from "./returns-types.ts";

export interface TradingCosts {
  /** Σ realizedPnlBase of the trades (net of commissions). */
  readonly realizedPnl: Decimal;
  /** Σ leg commission × fxRateToBase (≤ 0). */
  readonly commissions: Decimal;
  /** realizedPnl − commissions: what the trades made before commissions. */
  readonly grossTradingPnl: Decimal;
  /** −cost ÷ grossTradingPnl × 100; null when the gross trading P&L is not positive (no share of a loss). */
  readonly commissionsPct: Decimal | null;
  readonly feesPct: Decimal | null;
  readonly interestPct: Decimal | null;
}

export function tradingCosts(trades: readonly RoundTrip[], cash: CashFigures | null): TradingCosts {
  let realizedPnl = ZERO;
  let commissions = ZERO;
  for (const t of trades) {
    realizedPnl = realizedPnl.plus(t.realizedPnlBase);
    for (const leg of t.legs) commissions = commissions.plus(leg.commission.times(leg.fxRateToBase));
  }
  const grossTradingPnl = realizedPnl.minus(commissions);
  const share = (cost: Decimal | undefined) =>
    cost === undefined || !grossTradingPnl.isPositive() || grossTradingPnl.isZero()
      ? null
      : cost.negated().div(grossTradingPnl).times(100);
  return {
    realizedPnl,
    commissions,
    grossTradingPnl,
    commissionsPct: share(commissions),
    feesPct: share(cash?.fees),
    interestPct: share(cash?.interest),
  };
}

/**
 * The NAV change the cash rows and the closed trades do not explain: unrealized P&L, FX translation and
 * whatever IB books elsewhere. ΔNAV − deposits − withdrawals − income and cost rows − realized P&L; null
 * without a period.
 */
export function unrealizedAndOther(
  a: {
    readonly startingNav: Decimal | null;
    readonly endingNav: Decimal | null;
    readonly cash: CashFigures | null;
  },
  realizedPnl: Decimal,
): Decimal | null {
  if (a.startingNav === null || a.endingNav === null || a.cash === null) return null;
  const c = a.cash;
  const explained = [c.deposits, c.withdrawals, c.dividends, c.withholdingTax, c.interest, c.fees]
    .concat(c.commissionAdjustments, realizedPnl)
    .reduce((sum, v) => sum.plus(v), ZERO);
  return a.endingNav.minus(a.startingNav).minus(explained);
}
