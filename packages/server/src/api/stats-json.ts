// JSON edge of core's computeStats: every Decimal becomes a decimal string (rule 14) — money exactly,
// quotients rounded like the report's ratios. No number is computed here.
import { type Decimal, decimalString, type GroupStats, ratioString, type Stats } from "@closeout/core";

const money = (v: Decimal): string => decimalString(v);
const ratio = (v: Decimal | null): string | null => (v === null ? null : ratioString(v));
const moneyOrNull = (v: Decimal | null): string | null => (v === null ? null : decimalString(v));

export function groupToJson(g: GroupStats) {
  return {
    key: g.key,
    label: g.label,
    trades: String(g.trades),
    wins: String(g.wins),
    losses: String(g.losses),
    scratches: String(g.scratches),
    winRate: ratio(g.winRate),
    netPnlBase: money(g.netPnlBase),
    avgPnlBase: ratio(g.avgPnlBase),
    grossProfitBase: money(g.grossProfitBase),
    grossLossBase: money(g.grossLossBase),
    profitFactor: ratio(g.profitFactor),
    avgWinBase: ratio(g.avgWinBase),
    avgLossBase: ratio(g.avgLossBase),
    largestWinBase: moneyOrNull(g.largestWinBase),
    largestLossBase: moneyOrNull(g.largestLossBase),
    avgReturnPct: ratio(g.avgReturnPct),
    avgWinPct: ratio(g.avgWinPct),
    avgLossPct: ratio(g.avgLossPct),
  };
}

export type GroupJson = ReturnType<typeof groupToJson>;

/** How much of core's equity curve the JSON carries. */
export type EquityDetail =
  /** Every point core computed: one per closed trade. */
  | { readonly resolution: "trade" }
  /**
   * One point per calendar day: core's point of the day's last closed trade, as computed (its cumulative P&L
   * and drawdown are the day's close). `dayOf` gives the day of a point's time, e.g. in exchange time.
   */
  | { readonly resolution: "day"; readonly dayOf: (iso: string) => string };

/** The points of each day's last trade, picked from core's curve (in closedAt order), values untouched. */
function closingPointPerDay(
  points: Stats["equityCurve"],
  dayOf: (iso: string) => string,
): Stats["equityCurve"] {
  const picked: Stats["equityCurve"][number][] = [];
  let day = points.length > 0 ? dayOf(points[0]!.time) : "";
  for (let i = 0; i < points.length; i++) {
    const next = i + 1 < points.length ? dayOf(points[i + 1]!.time) : null;
    if (next !== day) picked.push(points[i]!);
    if (next !== null) day = next;
  }
  return picked;
}

/**
 * The `limit` rows of core's bySymbol with the most closed trades (ties by key, i.e. symbol, in code-unit
 * order), kept in core's order with their values untouched; all of them when there are no more than `limit`.
 */
export function topSymbols(rows: Stats["bySymbol"], limit: number): Stats["bySymbol"] {
  if (rows.length <= limit) return rows;
  const keep = new Set(
    [...rows]
      .sort((a, b) => b.trades - a.trades || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .slice(0, Math.max(0, limit)),
  );
  return rows.filter((g) => keep.has(g));
}

export interface StatsJsonOptions {
  /** How much of core's equity curve the JSON carries; default every point. */
  readonly equity?: EquityDetail;
  /** At most this many bySymbol rows (see topSymbols); default all. `bySymbolTotal` always counts them all. */
  readonly symbolLimit?: number;
}

export function statsToJson(s: Stats, options: StatsJsonOptions = {}) {
  const equity = options.equity ?? { resolution: "trade" };
  const curve = equity.resolution === "day" ? closingPointPerDay(s.equityCurve, equity.dayOf) : s.equityCurve;
  const symbols =
    options.symbolLimit === undefined ? s.bySymbol : topSymbols(s.bySymbol, options.symbolLimit);
  const calendar = (d: Stats["daily"][number]) => ({
    date: d.date,
    trades: String(d.trades),
    wins: String(d.wins),
    losses: String(d.losses),
    scratches: String(d.scratches),
    netPnlBase: money(d.netPnlBase),
  });
  return {
    timeZone: s.timeZone,
    overall: groupToJson(s.overall),
    avgWinPct: ratio(s.avgWinPct),
    avgLossPct: ratio(s.avgLossPct),
    longestWinStreak: String(s.longestWinStreak),
    longestLossStreak: String(s.longestLossStreak),
    currentStreak: s.currentStreak
      ? { outcome: s.currentStreak.outcome, length: String(s.currentStreak.length) }
      : null,
    avgHoldingSeconds: s.avgHoldingSeconds === null ? null : String(s.avgHoldingSeconds),
    medianHoldingSeconds: s.medianHoldingSeconds === null ? null : String(s.medianHoldingSeconds),
    bySymbol: symbols.map(groupToJson),
    bySymbolTotal: String(s.bySymbol.length),
    byAssetClass: s.byAssetClass.map(groupToJson),
    bySide: s.bySide.map(groupToJson),
    byWeekday: s.byWeekday.map(groupToJson),
    byHour: s.byHour.map(groupToJson),
    byHoldingTime: s.byHoldingTime.map(groupToJson),
    daily: s.daily.map(calendar),
    monthly: s.monthly.map(calendar),
    equityCurveResolution: equity.resolution,
    equityCurve: curve.map((p) => ({
      time: p.time,
      pnlBase: money(p.pnlBase),
      cumulativePnlBase: money(p.cumulativePnlBase),
      drawdownBase: money(p.drawdownBase),
    })),
    maxDrawdownBase: money(s.maxDrawdownBase),
  };
}

export type StatsJson = ReturnType<typeof statsToJson>;
