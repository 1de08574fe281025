// One accumulator behind the summary, every breakdown row and the overall stats, so a figure is defined once.
// Only gross profit and gross loss are summed; net P&L is derived from them (one Decimal addition per trade
// instead of two, which matters at 100k trades × several breakdowns). The sums are ExactSums (ADR 0008): the
// values of Decimal addition chains at a fraction of the cost; comparisons do not allocate.
import { ExactSum, exactQuotient } from "../exact-sum.ts";
import { compareDecimals, type Decimal, HUNDRED, ZERO } from "../money.ts";
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

/** The mean of `count` terms summed in `total` (null: all of them 0). */
function meanOf(total: ExactSum | null, count: number): Decimal | null {
  if (count === 0) return null;
  if (total === null) return ZERO;
  // One term: the mean is the sum, whose value() is built once (most symbols' groups hold a single trade).
  return count === 1 && total.decomposeValue() ? total.value() : total.mean(count);
}

/**
 * The sum of `sums` (nulls are empty) as mergedSum would give it; when only one is non-empty and a plain
 * integer of units (its value() is then exactly what a merged copy would build), that sum itself.
 */
function sumOf(...sums: (ExactSum | null)[]): ExactSum | null {
  let only: ExactSum | null = null;
  let count = 0;
  for (const s of sums) {
    if (s === null) continue;
    only = s;
    count += 1;
  }
  if (count === 1 && only!.decomposeValue()) return only;
  let merged: ExactSum | null = null;
  for (const s of sums) merged = mergedSum(merged, s);
  return merged;
}

/** wins / decided × 100, the same Decimal as HUNDRED.times(wins).div(decided). */
function winRateOf(wins: number, decided: number): Decimal {
  return exactQuotient(100 * wins, 0, decided) ?? HUNDRED.times(wins).div(decided);
}

/** `into` plus `other` (either may be null: an empty sum), as a sum `into` may now own. */
function mergedSum(into: ExactSum | null, other: ExactSum | null): ExactSum | null {
  if (other === null) return into;
  const sum = into ?? new ExactSum();
  sum.addSum(other);
  return sum;
}

function mergedReturns(into: ReturnSum | null, other: ReturnSum | null): ReturnSum | null {
  if (other === null) return into;
  const sum = into ?? new ReturnSum();
  sum.merge(other);
  return sum;
}

/**
 * The sums are created on first use (null = empty, whose value is 0): most groups are one instrument's
 * atom with a trade or two of one outcome, and 10k atoms × six sums were a tenth of the statistics' garbage.
 * An empty sum adds nothing, so skipping it leaves every figure as it was.
 */
export class GroupAccumulator {
  wins = 0;
  losses = 0;
  scratches = 0;
  grossProfit: ExactSum | null = null;
  grossLoss: ExactSum | null = null;
  largestWin: Decimal | null = null;
  largestLoss: Decimal | null = null;
  winReturns: ReturnSum | null = null;
  lossReturns: ReturnSum | null = null;
  scratchReturns: ReturnSum | null = null;

  get trades(): number {
    return this.wins + this.losses + this.scratches;
  }

  /** `outcome` must be outcomeOf(pnlBase); callers that feed several groups compute it once. */
  add(pnlBase: Decimal, outcome: Outcome, returnPct: Decimal | null): void {
    switch (outcome) {
      case "win":
        this.wins += 1;
        this.grossProfit ??= new ExactSum();
        this.grossProfit.add(pnlBase);
        if (this.largestWin === null || compareDecimals(pnlBase, this.largestWin) > 0)
          this.largestWin = pnlBase;
        if (returnPct !== null) {
          this.winReturns ??= new ReturnSum();
          this.winReturns.add(returnPct);
        }
        break;
      case "loss":
        this.losses += 1;
        this.grossLoss ??= new ExactSum();
        this.grossLoss.add(pnlBase);
        if (this.largestLoss === null || compareDecimals(pnlBase, this.largestLoss) < 0)
          this.largestLoss = pnlBase;
        if (returnPct !== null) {
          this.lossReturns ??= new ReturnSum();
          this.lossReturns.add(returnPct);
        }
        break;
      case "scratch":
        this.scratches += 1;
        if (returnPct !== null) {
          this.scratchReturns ??= new ReturnSum();
          this.scratchReturns.add(returnPct);
        }
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
    this.grossProfit = mergedSum(this.grossProfit, other.grossProfit);
    this.grossLoss = mergedSum(this.grossLoss, other.grossLoss);
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
    this.winReturns = mergedReturns(this.winReturns, other.winReturns);
    this.lossReturns = mergedReturns(this.lossReturns, other.lossReturns);
    this.scratchReturns = mergedReturns(this.scratchReturns, other.scratchReturns);
  }

  finish(key: string, label: string): GroupStats {
    const { wins, losses, scratches } = this;
    const trades = wins + losses + scratches;
    const decided = wins + losses;
    // The same values as grossProfit.plus(grossLoss) and the three return totals added up, without the
    // Decimal additions.
    const net = sumOf(this.grossProfit, this.grossLoss);
    const netPnlBase = net === null ? ZERO : net.value();
    const grossProfit = this.grossProfit === null ? ZERO : this.grossProfit.value();
    const grossLoss = this.grossLoss === null ? ZERO : this.grossLoss.value();
    const returns = sumOf(
      this.winReturns?.sum ?? null,
      this.lossReturns?.sum ?? null,
      this.scratchReturns?.sum ?? null,
    );
    const returnCount =
      (this.winReturns?.count ?? 0) + (this.lossReturns?.count ?? 0) + (this.scratchReturns?.count ?? 0);
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
      avgWinPct: meanOf(this.winReturns?.sum ?? null, this.winReturns?.count ?? 0),
      avgLossPct: meanOf(this.lossReturns?.sum ?? null, this.lossReturns?.count ?? 0),
    };
  }
}

/**
 * Whether merging `groups` gives the same figures in any order and grouping (ExactSum.mergeInAnyOrder over
 * the sums that end up added together: gross profit and loss, which finish() adds into the net, and the
 * three return sums). Counts are integers, and the largest win/loss is a maximum of non-zero values, equal
 * values being equal Decimals: neither depends on the order.
 */
export function groupsMergeInAnyOrder(groups: readonly GroupAccumulator[]): boolean {
  const money: (ExactSum | null)[] = [];
  const returns: (ExactSum | null)[] = [];
  for (const g of groups) {
    money.push(g.grossProfit, g.grossLoss);
    returns.push(g.winReturns?.sum ?? null, g.lossReturns?.sum ?? null, g.scratchReturns?.sum ?? null);
  }
  return ExactSum.mergeInAnyOrder(money) && ExactSum.mergeInAnyOrder(returns);
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
