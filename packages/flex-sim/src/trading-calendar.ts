/** A calendar day; `serial` counts days since 1970-01-01 so that date arithmetic is integer arithmetic. */
export interface CalendarDay {
  readonly serial: number;
  /** yyyyMMdd */
  readonly compact: string;
  /** yyyy-MM-dd */
  readonly iso: string;
  /** 0 = Sunday ... 6 = Saturday */
  readonly weekday: number;
}

export type DateFormat = "yyyyMMdd" | "yyyy-MM-dd";

const MS_PER_DAY = 86_400_000;

export function parseIsoDate(text: string): CalendarDay {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text);
  if (!match) throw new Error(`expected a yyyy-MM-dd date, got "${text}"`);
  return dayFromSerial(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY);
}

const cache = new Map<number, CalendarDay>();

export function dayFromSerial(serial: number): CalendarDay {
  const cached = cache.get(serial);
  if (cached) return cached;
  const date = new Date(serial * MS_PER_DAY);
  const y = String(date.getUTCFullYear()).padStart(4, "0");
  const m = String(date.getUTCMonth() + 1).padStart(2, "0");
  const d = String(date.getUTCDate()).padStart(2, "0");
  const day: CalendarDay = {
    serial,
    compact: `${y}${m}${d}`,
    iso: `${y}-${m}-${d}`,
    weekday: date.getUTCDay(),
  };
  cache.set(serial, day);
  return day;
}

/** Weekdays between the two dates, both included. Exchange holidays are ignored on purpose: IB data has
 * trades on some of them anyway (non-US venues), and no consumer may assume a holiday calendar. */
export function tradingDays(from: CalendarDay, to: CalendarDay): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (let serial = from.serial; serial <= to.serial; serial++) {
    const day = dayFromSerial(serial);
    if (day.weekday !== 0 && day.weekday !== 6) days.push(day);
  }
  return days;
}

export function formatDate(day: CalendarDay, format: DateFormat): string {
  return format === "yyyyMMdd" ? day.compact : day.iso;
}

/** IB writes New York wall time: "yyyyMMdd;HHmmss", or "yyyy-MM-dd;HH:mm:ss" with the dashed date format. */
export function formatDateTime(day: CalendarDay, secondsOfDay: number, format: DateFormat): string {
  const h = String(Math.floor(secondsOfDay / 3600)).padStart(2, "0");
  const m = String(Math.floor((secondsOfDay % 3600) / 60)).padStart(2, "0");
  const s = String(secondsOfDay % 60).padStart(2, "0");
  return format === "yyyyMMdd" ? `${day.compact};${h}${m}${s}` : `${day.iso};${h}:${m}:${s}`;
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

/** "17JAN25", as in IB option and future descriptions. */
export function formatShortDate(day: CalendarDay): string {
  return `${day.compact.slice(6, 8)}${MONTHS[Number(day.compact.slice(4, 6)) - 1]}${day.compact.slice(2, 4)}`;
}

/** Third Friday of the month containing `day`: the standard equity-index future and monthly option expiry. */
export function thirdFriday(year: number, monthIndex: number): CalendarDay {
  const first = dayFromSerial(Date.UTC(year, monthIndex, 1) / MS_PER_DAY);
  const offset = (5 - first.weekday + 7) % 7;
  return dayFromSerial(first.serial + offset + 14);
}

export function secondsOf(hours: number, minutes: number, seconds = 0): number {
  return hours * 3600 + minutes * 60 + seconds;
}
