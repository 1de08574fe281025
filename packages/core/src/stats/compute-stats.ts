// Dashboard statistics: breakdowns, streaks, holding times, calendar P&L and the equity curve.
// One pass feeds small "atom" groups (instrument × side, weekday × hour, holding bucket); the breakdowns are
// merges of atoms, so each trade costs a handful of Decimal additions however many breakdowns there are.
// Merging exact sums in any grouping gives the same figures (ADR 0013).
import type { RoundTrip } from "../report-types.ts";
import { calendarPnl } from "./calendar-pnl.ts";
import { DrawdownTracker } from "./equity-curve.ts";
import { createExchangeClock, wallDay, wallHour, wallWeekday } from "./exchange-time.ts";
import { GroupAccumulator, mergeGroups, outcomeOf } from "./group-stats.ts";
import { HOLDING_TIME_BUCKETS, holdingTimeBucketIndex } from "./holding-time-buckets.ts";
import type { EquityPoint, GroupStats, Outcome, Stats, StatsOptions, Streak } from "./stats-types.ts";

const WEEKDAYS = [
  ["mon", "Monday"],
  ["tue", "Tuesday"],
  ["wed", "Wednesday"],
  ["thu", "Thursday"],
  ["fri", "Friday"],
  ["sat", "Saturday"],
  ["sun", "Sunday"],
] as const;

const ASSET_CLASS_LABELS: Readonly<Record<string, string>> = {
  STK: "Stocks",
  OPT: "Options",
  FUT: "Futures",
  FOP: "Futures options",
  WAR: "Warrants",
  BOND: "Bonds",
  CFD: "CFDs",
  FUND: "Funds",
  CMDTY: "Commodities",
  IOPT: "Structured products",
};

const BUCKETS = HOLDING_TIME_BUCKETS.length;

const SIDES = [
  ["long", "Long"],
  ["short", "Short"],
] as const;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function byKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface InstrumentAtom {
  readonly symbol: string;
  readonly assetClass: string;
  readonly side: string;
  readonly group: GroupAccumulator;
}

/** Merges atoms by `keyOf` and finishes one row per key, in key order. */
function rollUp(
  atoms: readonly InstrumentAtom[],
  keyOf: (atom: InstrumentAtom) => string,
  labelOf: (key: string) => string,
): GroupStats[] {
  const groups = new Map<string, InstrumentAtom[]>();
  for (const atom of atoms) {
    const key = keyOf(atom);
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [atom]);
    else list.push(atom);
  }
  // Most symbols have a single atom (one asset class, one side): finished as it is, not merged into a copy.
  return [...groups.keys()].sort(byKey).map((key) => {
    const list = groups.get(key)!;
    const group = list.length === 1 ? list[0]!.group : mergeGroups(list.map((a) => a.group));
    return group.finish(key, labelOf(key));
  });
}

/** The atoms merged per asset class × side: overall, per asset class and per side are merges of these few. */
function classAndSideAtoms(atoms: readonly InstrumentAtom[]): readonly InstrumentAtom[] {
  const merged: InstrumentAtom[] = [];
  for (const atom of atoms) {
    let into = merged.find((m) => m.assetClass === atom.assetClass && m.side === atom.side);
    if (into === undefined) {
      into = { symbol: "", assetClass: atom.assetClass, side: atom.side, group: new GroupAccumulator() };
      merged.push(into);
    }
    into.group.merge(atom.group);
  }
  return merged;
}

function median(values: Float64Array): number | null {
  if (values.length === 0) return null;
  const sorted = values.slice().sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Symbol × asset class × side. Nested maps: no key string is built per trade. */
class InstrumentAtoms {
  private readonly bySymbol = new Map<string, Map<string, InstrumentAtom[]>>();
  private readonly atoms: InstrumentAtom[] = [];

  at(trade: RoundTrip): GroupAccumulator {
    let byClass = this.bySymbol.get(trade.symbol);
    if (byClass === undefined) {
      byClass = new Map();
      this.bySymbol.set(trade.symbol, byClass);
    }
    let sides = byClass.get(trade.assetClass);
    if (sides === undefined) {
      sides = [];
      byClass.set(trade.assetClass, sides);
    }
    let atom: InstrumentAtom | undefined;
    for (let i = 0; i < sides.length; i++) if (sides[i]!.side === trade.side) atom = sides[i];
    if (atom === undefined) {
      const { symbol, assetClass, side } = trade;
      atom = { symbol, assetClass, side, group: new GroupAccumulator() };
      sides.push(atom);
      this.atoms.push(atom);
    }
    return atom.group;
  }

  all(): readonly InstrumentAtom[] {
    return this.atoms;
  }
}

/** Entry weekday × entry hour × holding bucket: the finest split every time-based breakdown is a merge of. */
class TimeAtoms {
  private readonly atoms: (GroupAccumulator | undefined)[] = new Array(7 * 24 * BUCKETS);

  at(weekdayIndex: number, hour: number, bucket: number): GroupAccumulator {
    const index = (weekdayIndex * 24 + hour) * BUCKETS + bucket;
    let atom = this.atoms[index];
    if (atom === undefined) {
      atom = new GroupAccumulator();
      this.atoms[index] = atom;
    }
    return atom;
  }

  /** Merges the atoms whose coordinates pass `keep`. */
  collect(keep: (weekdayIndex: number, hour: number, bucket: number) => boolean): GroupAccumulator {
    const total = new GroupAccumulator();
    this.atoms.forEach((atom, index) => {
      const bucket = index % BUCKETS;
      const slot = (index - bucket) / BUCKETS;
      if (atom !== undefined && keep(Math.floor(slot / 24), slot % 24, bucket)) total.merge(atom);
    });
    return total;
  }
}

export function computeStats(trades: readonly RoundTrip[], options: StatsOptions): Stats {
  const clock = createExchangeClock(options.timeZone);
  const instrumentAtoms = new InstrumentAtoms();
  const timeAtoms = new TimeAtoms();
  const closeDates: string[] = new Array(trades.length);
  const outcomes: Outcome[] = new Array(trades.length);
  const holdingSeconds = new Float64Array(trades.length);
  // The equity curve is built in this same walk over the trades rather than in a second one.
  const drawdown = new DrawdownTracker();
  const curve: EquityPoint[] = new Array(trades.length);
  let holdingTotal = 0;
  let runOutcome: Outcome = "scratch";
  let runLength = 0;
  let longestWinStreak = 0;
  let longestLossStreak = 0;

  for (let i = 0; i < trades.length; i++) {
    const trade = trades[i]!;
    const pnl = trade.realizedPnlBase;
    const outcome = outcomeOf(pnl);
    outcomes[i] = outcome;

    instrumentAtoms.at(trade).add(pnl, outcome, trade.returnPct);
    curve[i] = drawdown.point(trade);

    // Entry timing: weekday and hour come from openedAt, the moment the decision to trade was taken.
    const opened = clock.wallClockMs(trade.openedAt);
    const openedDay = wallDay(opened);
    const bucket = holdingTimeBucketIndex(trade.holdingSeconds);
    timeAtoms
      .at(wallWeekday(openedDay) - 1, wallHour(opened, openedDay), bucket)
      .add(pnl, outcome, trade.returnPct);

    holdingSeconds[i] = trade.holdingSeconds;
    holdingTotal += trade.holdingSeconds;
    closeDates[i] = clock.dateOfWallDay(wallDay(clock.wallClockMs(trade.closedAt)));

    if (outcome === "scratch") {
      runLength = 0;
    } else {
      runLength = outcome === runOutcome ? runLength + 1 : 1;
      if (outcome === "win" && runLength > longestWinStreak) longestWinStreak = runLength;
      if (outcome === "loss" && runLength > longestLossStreak) longestLossStreak = runLength;
    }
    runOutcome = outcome;
  }

  const atoms = instrumentAtoms.all();
  const coarse = classAndSideAtoms(atoms);
  const overall = mergeGroups(coarse.map((a) => a.group)).finish("all", "All trades");
  const { daily, monthly } = calendarPnl(closeDates, outcomes, curve);
  const currentStreak: Streak | null =
    runLength === 0 || runOutcome === "scratch" ? null : { outcome: runOutcome, length: runLength };

  return {
    timeZone: options.timeZone,
    overall,
    avgWinPct: overall.avgWinPct,
    avgLossPct: overall.avgLossPct,
    longestWinStreak,
    longestLossStreak,
    currentStreak,
    avgHoldingSeconds: trades.length === 0 ? null : holdingTotal / trades.length,
    medianHoldingSeconds: median(holdingSeconds),
    bySymbol: rollUp(
      atoms,
      (a) => a.symbol,
      (key) => key,
    ),
    byAssetClass: rollUp(
      coarse,
      (a) => a.assetClass,
      (key) => ASSET_CLASS_LABELS[key] ?? key,
    ),
    bySide: SIDES.flatMap(([key, label]) => {
      const sideAtoms = coarse.filter((a) => a.side === key);
      return sideAtoms.length === 0 ? [] : [mergeGroups(sideAtoms.map((a) => a.group)).finish(key, label)];
    }),
    byWeekday: WEEKDAYS.map(([key, label], weekday) =>
      timeAtoms.collect((w) => w === weekday).finish(key, label),
    ),
    byHour: Array.from({ length: 24 }, (_, hour) =>
      timeAtoms
        .collect((_w, h) => h === hour)
        .finish(pad2(hour), `${pad2(hour)}:00–${pad2((hour + 1) % 24)}:00`),
    ),
    byHoldingTime: HOLDING_TIME_BUCKETS.map((bucket, i) =>
      timeAtoms.collect((_w, _h, b) => b === i).finish(bucket.key, bucket.label),
    ),
    daily,
    monthly,
    equityCurve: curve,
    maxDrawdownBase: drawdown.maxDrawdown,
  };
}
