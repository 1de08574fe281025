// One accumulator behind the summary, every breakdown row and the overall stats, so a figure is defined once
// (docs/metrics.md, "Group figures"). Sums are exact Decimals (ADR 0013).
import { type Decimal, HUNDRED, ZERO } from "../money.ts";
import type { RoundTrip } from "../report-types.ts";
import type { GroupStats, Outcome } from "./stats-types.ts";

export function outcomeOf(pnlBase: Decimal): Outcome {
  if (pnlBase.isZero()) return "scratch";
  return pnlBase.isNegative() ? "loss" : "win";
}

/** Σ and count of the returnPct values that exist (a trade that opened with no value has none). */
class ReturnSum {
  sum = ZERO;
  count = 0;

  add(returnPct: Decimal | null): void {
    if (returnPct === null) return;
    this.sum = this.sum.plus(returnPct);
    this.count += 1;
  }

  merge(other: ReturnSum): void {
    this.sum = this.sum.plus(other.sum);
    this.count += other.count;
  }

  mean(): Decimal | null {
    return this.count === 0 ? null : this.sum.div(this.count);
  }
}

export class GroupAccumulator {
  wins = 0;
  losses = 0;
  scratches = 0;
  grossProfit = ZERO;
  grossLoss = ZERO;
  largestWin: Decimal | null = null;
  largestLoss: Decimal | null = null;
  readonly returns = new ReturnSum();
  readonly winReturns = new ReturnSum();
  readonly lossReturns = new ReturnSum();

  get trades(): number {
    return this.wins + this.losses + this.scratches;
  }

  /** `outcome` must be outcomeOf(pnlBase); callers that feed several groups compute it once. */
  add(pnlBase: Decimal, outcome: Outcome, returnPct: Decimal | null): void {
    this.returns.add(returnPct);
    if (outcome === "win") {
      this.wins += 1;
      this.grossProfit = this.grossProfit.plus(pnlBase);
      if (this.largestWin === null || pnlBase.gt(this.largestWin)) this.largestWin = pnlBase;
      this.winReturns.add(returnPct);
    } else if (outcome === "loss") {
      this.losses += 1;
      this.grossLoss = this.grossLoss.plus(pnlBase);
      if (this.largestLoss === null || pnlBase.lt(this.largestLoss)) this.largestLoss = pnlBase;
      this.lossReturns.add(returnPct);
    } else {
      this.scratches += 1;
    }
  }

  addTrade(trade: RoundTrip): void {
    this.add(trade.realizedPnlBase, outcomeOf(trade.realizedPnlBase), trade.returnPct);
  }

  merge(other: GroupAccumulator): void {
    this.wins += other.wins;
    this.losses += other.losses;
    this.scratches += other.scratches;
    this.grossProfit = this.grossProfit.plus(other.grossProfit);
    this.grossLoss = this.grossLoss.plus(other.grossLoss);
    if (other.largestWin !== null && (this.largestWin === null || other.largestWin.gt(this.largestWin)))
      this.largestWin = other.largestWin;
    if (other.largestLoss !== null && (this.largestLoss === null || other.largestLoss.lt(this.largestLoss)))
      this.largestLoss = other.largestLoss;
    this.returns.merge(other.returns);
    this.winReturns.merge(other.winReturns);
    this.lossReturns.merge(other.lossReturns);
  }

  finish(key: string, label: string): GroupStats {
    const { wins, losses, scratches, grossProfit, grossLoss } = this;
    const trades = wins + losses + scratches;
    const decided = wins + losses;
    const netPnlBase = grossProfit.plus(grossLoss);
    return {
      key,
      label,
      trades,
      wins,
      losses,
      scratches,
      winRate: decided === 0 ? null : HUNDRED.times(wins).div(decided),
      netPnlBase,
      avgPnlBase: trades === 0 ? null : netPnlBase.div(trades),
      grossProfitBase: grossProfit,
      grossLossBase: grossLoss,
      profitFactor: losses === 0 ? null : grossProfit.div(grossLoss.abs()),
      avgWinBase: wins === 0 ? null : grossProfit.div(wins),
      avgLossBase: losses === 0 ? null : grossLoss.div(losses),
      largestWinBase: this.largestWin,
      largestLossBase: this.largestLoss,
      avgReturnPct: this.returns.mean(),
      avgWinPct: this.winReturns.mean(),
      avgLossPct: this.lossReturns.mean(),
    };
  }
}

/** The group figures of `trades` in one call. */
export function summarizeGroup(key: string, label: string, trades: readonly RoundTrip[]): GroupStats {
  const acc = new GroupAccumulator();
  for (const trade of trades) acc.addTrade(trade);
  return acc.finish(key, label);
}

/** Groups merged: the figures of the union of their trades. */
export function mergeGroups(groups: Iterable<GroupAccumulator>): GroupAccumulator {
  const total = new GroupAccumulator();
  for (const group of groups) total.merge(group);
  return total;
}
