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

export function statsToJson(s: Stats) {
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
    bySymbol: s.bySymbol.map(groupToJson),
    byAssetClass: s.byAssetClass.map(groupToJson),
    bySide: s.bySide.map(groupToJson),
    byWeekday: s.byWeekday.map(groupToJson),
    byHour: s.byHour.map(groupToJson),
    byHoldingTime: s.byHoldingTime.map(groupToJson),
    daily: s.daily.map(calendar),
    monthly: s.monthly.map(calendar),
    equityCurve: s.equityCurve.map((p) => ({
      time: p.time,
      pnlBase: money(p.pnlBase),
      cumulativePnlBase: money(p.cumulativePnlBase),
      drawdownBase: money(p.drawdownBase),
    })),
    maxDrawdownBase: money(s.maxDrawdownBase),
  };
}

export type StatsJson = ReturnType<typeof statsToJson>;
