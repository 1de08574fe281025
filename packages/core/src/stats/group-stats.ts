// One accumulator behind the summary, every breakdown row and the overall stats, so a figure is defined once.
// Only gross profit and gross loss are summed; net P&L is derived from them (one Decimal addition per trade
// instead of two, which matters at 100k trades × several breakdowns). The sums are ExactSums (ADR 0008): the
// values of Decimal addition chains at a fraction of the cost; comparisons do not allocate.
import { ExactSum, exactQuotient } from "../exact-sum.ts";
import { compareDecimals, type Decimal, HUNDRED } from "../money.ts";
import type { RoundTrip } from "../report-types.ts";
import type { GroupStats, Outcome } from "./stats-types.ts";

export function outcomeOf(pnlBase: Decimal): Outcome {
  if (pnlBase.isZero()) return "scratch";
  return pnlBase.isNegative() ? "loss" : "win";
}

/** Σ and count of returnPct over the trades of one outcome that have one. */
class ReturnSum {
  readonly sum = new ExactSum();
  count = 0;

  add(returnPct: Decimal | null): void {
    if (returnPct === null) return;
    this.sum.add(returnPct);
    this.count += 1;
  }

  merge(other: ReturnSum): void {
    this.sum.addSum(other.sum);
    this.count += other.count;
  }
}

function meanOf(total: ExactSum, count: number): Decimal | null {
  return count === 0 ? null : total.mean(count);
}

/** wins / decided × 100, the same Decimal as HUNDRED.times(wins).div(decided). */
function winRateOf(wins: number, decided: number): Decimal {
  return exactQuotient(100 * wins, 0, decided) ?? HUNDRED.times(wins).div(decided);
}

export class GroupAccumulator {
  wins = 0;
  losses = 0;
  scratches = 0;
  readonly grossProfit = new ExactSum();
  readonly grossLoss = new ExactSum();
  largestWin: Decimal | null = null;
  largestLoss: Decimal | null = null;
  readonly winReturns = new ReturnSum();
  readonly lossReturns = new ReturnSum();
  readonly scratchReturns = new ReturnSum();

  get trades(): number {
    return this.wins + this.losses + this.scratches;
  }

  /** `outcome` must be outcomeOf(pnlBase); callers that feed several groups compute it once. */
  add(pnlBase: Decimal, outcome: Outcome, returnPct: Decimal | null): void {
    switch (outcome) {
      case "win":
        this.wins += 1;
        this.grossProfit.add(pnlBase);
        if (this.largestWin === null || compareDecimals(pnlBase, this.largestWin) > 0)
          this.largestWin = pnlBase;
        this.winReturns.add(returnPct);
        break;
      case "loss":
        this.losses += 1;
        this.grossLoss.add(pnlBase);
        if (this.largestLoss === null || compareDecimals(pnlBase, this.largestLoss) < 0)
          this.largestLoss = pnlBase;
        this.lossReturns.add(returnPct);
        break;
      case "scratch":
        this.scratches += 1;
        this.scratchReturns.add(returnPct);
        break;
    }
  }

  addTrade(trade: RoundTrip): void {
    this.add(trade.realizedPnlBase, outcomeOf(trade.realizedPnlBase), trade.returnPct);
  }

  merge(other: GroupAccumulator): void {
    this.wins += other.wins;
    this.losses += other.losses;
    this.scratches += other.scratches;
    this.grossProfit.addSum(other.grossProfit);
    this.grossLoss.addSum(other.grossLoss);
    if (
      other.largestWin !== null &&
      (this.largestWin === null || compareDecimals(other.largestWin, this.largestWin) > 0)
    )
      this.largestWin = other.largestWin;
    if (
      other.largestLoss !== null &&
      (this.largestLoss === null || compareDecimals(other.largestLoss, this.largestLoss) < 0)
    )
      this.largestLoss = other.largestLoss;
    this.winReturns.merge(other.winReturns);
    this.lossReturns.merge(other.lossReturns);
    this.scratchReturns.merge(other.scratchReturns);
  }

  finish(key: string, label: string): GroupStats {
    const { wins, losses, scratches } = this;
    const trades = wins + losses + scratches;
    const decided = wins + losses;
    // The same values as grossProfit.plus(grossLoss) and the three return totals added up, without the
    // Decimal additions.
    const net = new ExactSum();
    net.addSum(this.grossProfit);
    net.addSum(this.grossLoss);
    const netPnlBase = net.value();
    const grossProfit = this.grossProfit.value();
    const grossLoss = this.grossLoss.value();
    const returns = new ExactSum();
    returns.addSum(this.winReturns.sum);
    returns.addSum(this.lossReturns.sum);
    returns.addSum(this.scratchReturns.sum);
    const returnCount = this.winReturns.count + this.lossReturns.count + this.scratchReturns.count;
    return {
      key,
      label,
      trades,
      wins,
      losses,
      scratches,
      winRate: decided === 0 ? null : winRateOf(wins, decided),
      netPnlBase,
      avgPnlBase: meanOf(net, trades),
      grossProfitBase: grossProfit,
      grossLossBase: grossLoss,
      profitFactor: losses === 0 ? null : grossProfit.div(grossLoss.abs()),
      avgWinBase: meanOf(this.grossProfit, wins),
      avgLossBase: meanOf(this.grossLoss, losses),
      largestWinBase: this.largestWin,
      largestLossBase: this.largestLoss,
      avgReturnPct: meanOf(returns, returnCount),
      avgWinPct: meanOf(this.winReturns.sum, this.winReturns.count),
      avgLossPct: meanOf(this.lossReturns.sum, this.lossReturns.count),
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
