// Display formatting of the API's decimal strings. Intl.NumberFormat formats a numeric *string* exactly
// (no float rounding on the way), so amounts are shown as computed by the server; nothing here adds,
// divides or compares amounts.
export const EXCHANGE_TIME_ZONE = "America/New_York";
export const EMPTY = "—";

type Locale = string | undefined;
type NumericString = `${number}` | "Infinity" | "-Infinity" | "+Infinity";

const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale ?? ""}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A well-formed decimal string with thousands separators removed, or null. */
function clean(value: string | number | null | undefined): NumericString | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim().replaceAll(",", "");
  return DECIMAL.test(text) ? (text as NumericString) : null;
}

export type Sign = "positive" | "negative" | "zero";

/** The sign of a decimal string, read from its digits. */
export function signOf(value: string | number | null | undefined): Sign {
  const text = clean(value);
  if (text === null) return "zero";
  const mantissa = text.split(/[eE]/)[0] ?? "";
  if (!/[1-9]/.test(mantissa)) return "zero";
  return mantissa.startsWith("-") ? "negative" : "positive";
}

export interface MoneyOptions {
  /** Show "+" on gains (P&L); amounts like fees stay unsigned-positive. */
  signed?: boolean;
  locale?: Locale;
}

export function formatMoney(
  value: string | null | undefined,
  currency: string | null | undefined,
  options: MoneyOptions = {},
): string {
  const text = clean(value);
  if (text === null) return EMPTY;
  const base: Intl.NumberFormatOptions = {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    signDisplay: options.signed ? "exceptZero" : "auto",
  };
  if (currency && /^[A-Z]{3}$/.test(currency)) {
    return numberFormat(options.locale, { ...base, style: "currency", currency }).format(text);
  }
  return numberFormat(options.locale, base).format(text);
}

/** Short signed amount for small spaces (calendar cells): "+$1.2K", "-$350". */
export function formatCompactMoney(
  value: string | null | undefined,
  currency: string | null | undefined,
): string {
  const text = clean(value);
  if (text === null) return EMPTY;
  return numberFormat(undefined, {
    notation: "compact",
    maximumFractionDigits: 1,
    signDisplay: "exceptZero",
    ...(currency && /^[A-Z]{3}$/.test(currency) ? { style: "currency", currency } : {}),
  }).format(text);
}

/** Percentages arrive already multiplied by 100 ("12.5" means 12.5 %). */
export function formatPercent(
  value: string | null | undefined,
  options: { signed?: boolean; locale?: Locale; digits?: number } = {},
): string {
  const text = clean(value);
  if (text === null) return EMPTY;
  const digits = options.digits ?? 2;
  const format = numberFormat(options.locale, {
    style: "unit",
    unit: "percent",
    maximumFractionDigits: digits,
    minimumFractionDigits: 0,
    signDisplay: options.signed ? "exceptZero" : "auto",
  });
  const shown = format.format(text);
  // A non-zero value that rounds to 0 is not 0 %: say how small it is ("< 0.01%", "> -0.01%").
  const sign = signOf(text);
  if (sign !== "zero" && !/[1-9]/.test(shown)) {
    const step = (digits === 0 ? "1" : `0.${"0".repeat(digits - 1)}1`) as NumericString;
    return sign === "negative"
      ? `> ${format.format(`-${step}` as NumericString)}`
      : `< ${format.format(step)}`;
  }
  return shown;
}

export function formatRatio(value: string | null | undefined, locale?: Locale): string {
  const text = clean(value);
  if (text === null) return EMPTY;
  return numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(text);
}

/** An R-multiple (docs/metrics.md "R"), signed, up to 2 places: "+1.5R", "-0.33R", "0R". */
export function formatR(value: string | null | undefined, locale?: Locale): string {
  const text = clean(value);
  if (text === null) return EMPTY;
  return `${numberFormat(locale, { maximumFractionDigits: 2, signDisplay: "exceptZero" }).format(text)}R`;
}

export function formatCount(value: string | number | null | undefined, locale?: Locale): string {
  const text = clean(value);
  if (text === null) return EMPTY;
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(text);
}

/** Quantities and prices keep the precision IB reported (up to 8 places), without padding. */
export function formatDecimal(value: string | null | undefined, locale?: Locale, signed = false): string {
  const text = clean(value);
  if (text === null) return EMPTY;
  return numberFormat(locale, {
    maximumFractionDigits: 8,
    signDisplay: signed ? "exceptZero" : "auto",
  }).format(text);
}

const UNITS: readonly [number, string][] = [
  [86_400, "d"],
  [3_600, "h"],
  [60, "m"],
  [1, "s"],
];

/** "45s", "12m 5s", "2h 15m", "3d 4h": the two largest units. */
export function formatDuration(value: number | string | null | undefined): string {
  const seconds = typeof value === "string" ? Number(value) : value;
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return EMPTY;
  let rest = Math.max(0, Math.round(seconds));
  const parts: string[] = [];
  for (const [size, unit] of UNITS) {
    if (rest >= size || (unit === "s" && parts.length === 0)) {
      const amount = Math.floor(rest / size);
      rest -= amount * size;
      if (amount > 0 || parts.length === 0) parts.push(`${amount}${unit}`);
    }
    if (parts.length === 2) break;
  }
  return parts.join(" ");
}

const dateTimeCache = new Map<string, Intl.DateTimeFormat>();
function dateTimeFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ""}|${JSON.stringify(options)}`;
  let format = dateTimeCache.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, options);
    dateTimeCache.set(key, format);
  }
  return format;
}

function parseTime(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Exchange (New York) wall time with its zone abbreviation, e.g. "Jan 15, 2025, 09:30:15 EST". */
export function formatExchangeTime(
  iso: string | null | undefined,
  options: { locale?: Locale; dateOnly?: boolean; timeOnly?: boolean } = {},
): string {
  const date = parseTime(iso);
  if (date === null) return EMPTY;
  const parts: Intl.DateTimeFormatOptions = { timeZone: EXCHANGE_TIME_ZONE };
  if (!options.timeOnly) Object.assign(parts, { year: "numeric", month: "short", day: "numeric" });
  if (!options.dateOnly)
    Object.assign(parts, {
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
      timeZoneName: "short",
    });
  return dateTimeFormat(options.locale, parts).format(date);
}

/** Compact exchange-time date for lists: "Sep 22" this year, "Sep 22, 2024" otherwise. */
export function formatShortDate(
  iso: string | null | undefined,
  locale?: Locale,
  now: Date = new Date(),
): string {
  const date = parseTime(iso);
  if (date === null) return EMPTY;
  const year = (d: Date) =>
    dateTimeFormat("en-US", { timeZone: EXCHANGE_TIME_ZONE, year: "numeric" }).format(d);
  const sameYear = year(date) === year(now);
  return dateTimeFormat(locale, {
    timeZone: EXCHANGE_TIME_ZONE,
    month: "short",
    day: "numeric",
    ...(sameYear ? {} : { year: "numeric" }),
  }).format(date);
}

/** UTC, ISO-like: "2025-01-15 14:30:15 UTC". */
export function formatUtc(iso: string | null | undefined): string {
  const date = parseTime(iso);
  if (date === null) return EMPTY;
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** A time of the user's own clock with its zone, for sync times: "Jan 15, 2025, 22:10 GMT+1". */
export function formatLocalDateTime(
  iso: string | null | undefined,
  locale?: Locale,
  timeZone?: string,
): string {
  const date = parseTime(iso);
  if (date === null) return EMPTY;
  return dateTimeFormat(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
    ...(timeZone ? { timeZone } : {}),
  }).format(date);
}

/** "1 trade", "2 trades", "1,234 executions": a formatted count with its noun in the right number. */
export function formatCountOf(
  value: string | number | null | undefined,
  one: string,
  many: string,
  locale?: Locale,
): string {
  const text = formatCount(value, locale);
  return `${text} ${Number(value) === 1 ? one : many}`;
}

/** A calendar date string "yyyy-MM-dd" as "Wed, Jan 15, 2025" (no time zone shift: it is a label). */
export function formatCalendarDate(date: string | null | undefined, locale?: Locale): string {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return date ?? EMPTY;
  return dateTimeFormat(locale, {
    timeZone: "UTC",
    weekday: "short",
    year: "numeric",
    month: "short",
    day: "numeric",
  }).format(new Date(`${date}T00:00:00Z`));
}

/**
 * What an execution did, in words: IB books an option's expiry, assignment or exercise as a closing row at its
 * own price (0 for an expiry), which reads wrongly as "Sell 3 @ 0". Synthetic rows carry their OptionEAE type;
 * executions from the Trades section carry IB's notes codes (Ep, A, Ex).
 */
export function executionAction(e: {
  quantity: string;
  synthetic: string | null;
  notes?: readonly string[];
}): "Buy" | "Sell" | "Expired" | "Assigned" | "Exercised" {
  const notes = e.notes ?? [];
  if (e.synthetic === "Expiration" || notes.includes("Ep")) return "Expired";
  if (e.synthetic === "Assignment" || notes.includes("A")) return "Assigned";
  if (e.synthetic === "Exercise" || notes.includes("Ex")) return "Exercised";
  return signOf(e.quantity) === "negative" ? "Sell" : "Buy";
}

/** Display label of an IB asset category. */
export function assetClassLabel(code: string): string {
  return ASSET_CLASSES[code] ?? code;
}

const ASSET_CLASSES: Readonly<Record<string, string>> = {
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
