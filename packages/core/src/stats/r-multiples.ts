// R-multiples of journalled trades (docs/metrics.md "R"): R = realized P&L / planned risk, exact decimals.
// The server decides which risk applies to a trade; this file only does the arithmetic on the R values.
import { type Decimal, ONE, sum, ZERO } from "../money.ts";
import type { RoundTrip } from "../report-types.ts";

/** R of a trade: P&L over the risk, null when there is no positive risk to divide by. */
export function rMultiple(pnl: Decimal, risk: Decimal | null): Decimal | null {
  if (risk === null || !risk.gt(ZERO)) return null;
  return pnl.div(risk);
}

/**
 * Risk planned by a stop: what the opening fills lose if the trade is stopped out there, i.e. Σ over the opening
 * legs of (price − stop) × quantity × multiplier (signed quantity, so a short's stop sits above its fills).
 * Null when that is not a loss (a stop on the wrong side of the entries).
 */
export function riskFromStop(trade: RoundTrip, stop: Decimal): Decimal | null {
  const risk = sum(
    trade.legs.filter((l) => l.opening).map((l) => l.price.minus(stop).times(l.quantity).times(l.multiplier)),
  );
  return risk.gt(ZERO) ? risk : null;
}

export interface RBucket {
  readonly key: string;
  /** Lower bound, inclusive; null for the open-ended first bucket. */
  readonly from: number | null;
  /** Upper bound, exclusive; null for the open-ended last bucket. */
  readonly to: number | null;
  readonly trades: number;
}

export interface RStats {
  /** Trades that have an R. */
  readonly trades: number;
  readonly totalR: Decimal;
  /** Mean R; null with no trade. */
  readonly averageR: Decimal | null;
  /** Mean R of the winning / losing trades; null when there is none. */
  readonly avgWinR: Decimal | null;
  readonly avgLossR: Decimal | null;
  /** winRate × avgWinR + lossRate × avgLossR: equal to averageR (scratches have R = 0), shown by its parts. */
  readonly expectancyR: Decimal | null;
  readonly distribution: readonly RBucket[];
}

const EDGES = [-2, -1, 0, 1, 2, 3] as const;

export function computeRStats(rs: readonly Decimal[]): RStats {
  const wins = rs.filter((r) => r.gt(ZERO));
  const losses = rs.filter((r) => r.lt(ZERO));
  const n = rs.length;
  const mean = (xs: readonly Decimal[]): Decimal | null => (xs.length === 0 ? null : sum(xs).div(xs.length));
  const avgWinR = mean(wins);
  const avgLossR = mean(losses);
  const expectancyR =
    n === 0
      ? null
      : ONE.times(wins.length)
          .div(n)
          .times(avgWinR ?? ZERO)
          .plus(
            ONE.times(losses.length)
              .div(n)
              .times(avgLossR ?? ZERO),
          );
  const counts = new Array<number>(EDGES.length + 1).fill(0);
  for (const r of rs) {
    let i = 0;
    while (i < EDGES.length && r.gte(EDGES[i]!)) i++;
    counts[i]!++;
  }
  const distribution = counts.map((trades, i) => {
    const from = i === 0 ? null : EDGES[i - 1]!;
    const to = i === EDGES.length ? null : EDGES[i]!;
    return { key: from === null ? `<${to}` : to === null ? `>=${from}` : `${from}..${to}`, from, to, trades };
  });
  return { trades: n, totalR: sum(rs), averageR: mean(rs), avgWinR, avgLossR, expectancyR, distribution };
}
