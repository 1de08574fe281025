// The period and account the dashboard and breakdowns show, kept in the URL (`range`, `from`, `to`,
// `account`). Presets are resolved against today's date in exchange time, the zone the API's `from`/`to`
// filters use, so "this month" is the exchange's month wherever the browser is.
import type { TradeFilters } from "../api/types.ts";
import { EXCHANGE_TIME_ZONE } from "./format.ts";

export const RANGE_PRESETS = [
  ["all", "All time"],
  ["month", "This month"],
  ["30d", "Last 30 days"],
  ["ytd", "Year to date"],
  ["last-year", "Last year"],
  ["custom", "Custom…"],
] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number][0];

export interface Scope {
  readonly range: RangePreset;
  /** Custom range only. */
  readonly from?: string;
  readonly to?: string;
  readonly account?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PRESETS: ReadonlySet<string> = new Set(RANGE_PRESETS.map(([k]) => k));

/** Today's date in New York, yyyy-MM-dd. */
export function exchangeToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: EXCHANGE_TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

function shiftDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The close dates a scope covers (either end open when absent). */
export function datesOf(scope: Scope, today: string): { from?: string; to?: string } {
  const year = today.slice(0, 4);
  switch (scope.range) {
    case "all":
      return {};
    case "month":
      return { from: `${today.slice(0, 7)}-01`, to: today };
    case "30d":
      return { from: shiftDays(today, -29), to: today };
    case "ytd":
      return { from: `${year}-01-01`, to: today };
    case "last-year":
      return { from: `${Number(year) - 1}-01-01`, to: `${Number(year) - 1}-12-31` };
    case "custom":
      return {
        ...(scope.from ? { from: scope.from } : {}),
        ...(scope.to ? { to: scope.to } : {}),
      };
  }
}

/** The API filters of a scope. */
export function scopeFilters(scope: Scope, today: string = exchangeToday()): TradeFilters {
  return { ...datesOf(scope, today), ...(scope.account ? { account: scope.account } : {}) };
}

export function scopeFromSearch(search: string): Scope {
  const params = new URLSearchParams(search);
  const date = (k: string) => {
    const v = params.get(k);
    return v && DATE.test(v) ? v : undefined;
  };
  const account = params.get("account")?.trim() || undefined;
  const from = date("from");
  const to = date("to");
  const named = params.get("range") ?? "";
  const range: RangePreset = PRESETS.has(named) ? (named as RangePreset) : from || to ? "custom" : "all";
  return {
    range,
    ...(range === "custom" && from ? { from } : {}),
    ...(range === "custom" && to ? { to } : {}),
    ...(account ? { account } : {}),
  };
}

/** `search` with the scope's parameters replaced (other parameters kept). */
export function searchWithScope(search: string, scope: Scope): string {
  const params = new URLSearchParams(search);
  for (const k of ["range", "from", "to", "account"]) params.delete(k);
  if (scope.range !== "all") params.set("range", scope.range);
  if (scope.range === "custom") {
    if (scope.from) params.set("from", scope.from);
    if (scope.to) params.set("to", scope.to);
  }
  if (scope.account) params.set("account", scope.account);
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}
