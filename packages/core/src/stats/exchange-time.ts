// UTC instants → exchange wall-clock date, weekday and hour, DST-correct through Intl (no tz library).
// Intl.DateTimeFormat is slow to build and takes microseconds per call, so each zone gets one formatter and
// its UTC offset is cached: per UTC day when the offset is the same at both ends of the day (almost every
// day), else per UTC hour; only an hour inside which the offset changes is resolved instant by instant.
// The caches live as long as the module: offsets are facts about the zone, not state, and 100 years of
// days is under 40k entries.
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface WallTime {
  /** yyyy-MM-dd in the exchange's zone. */
  readonly date: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
  /** 0 … 23. */
  readonly hour: number;
}

export interface ExchangeClock {
  readonly timeZone: string;
  /** Milliseconds to add to a UTC instant to get the zone's wall-clock time at that instant. */
  offsetAt(epochMs: number): number;
  wallTimeAt(epochMs: number): WallTime;
  /** `iso` is an ISO-8601 instant such as "2025-03-10T00:30:00Z". */
  wallTime(iso: string): WallTime;
  /**
   * wallTime() as one number, for loops over many trades that would otherwise build an object per call:
   * milliseconds since 1970-01-01T00:00 in the zone's wall-clock time. Day, weekday and hour follow from it
   * with wallDay / wallWeekday / wallHour, and the day's date from dateOfWallDay.
   */
  wallClockMs(iso: string): number;
  /** yyyy-MM-dd of a wall-clock day number (wallDay), cached. */
  dateOfWallDay(day: number): string;
}

/** Day number of a wall-clock instant (0 = 1970-01-01). */
export const wallDay = (wallClockMs: number): number => Math.floor(wallClockMs / DAY_MS);
/** ISO weekday of a wall-clock day: 1 = Monday … 7 = Sunday (day 0, 1970-01-01, was a Thursday). */
export const wallWeekday = (day: number): number => ((((day + 3) % 7) + 7) % 7) + 1;
/** 0 … 23. */
export const wallHour = (wallClockMs: number, day: number): number =>
  Math.floor((wallClockMs - day * DAY_MS) / HOUR_MS);

function exactOffsetFn(timeZone: string): (epochMs: number) => number {
  // Throws RangeError for an unknown zone: a caller bug, not bad input.
  const formatter = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  });
  return (epochMs) => {
    const wholeSecond = Math.floor(epochMs / 1000) * 1000;
    const f = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
    for (const part of formatter.formatToParts(wholeSecond)) {
      if (part.type in f) f[part.type as keyof typeof f] = Number(part.value);
    }
    return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - wholeSecond;
  };
}

/** NaN in a cache marks a span inside which the offset changes. */
function constantOffset(exactOffset: (epochMs: number) => number, start: number, length: number): number {
  const atStart = exactOffset(start);
  return atStart === exactOffset(start + length - 1000) ? atStart : Number.NaN;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Two ASCII digits at i as a number; NaN when either is not a digit. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : Number.NaN;
}

/**
 * Date.parse for the instants trades carry ("2025-03-10T14:30:00Z", as utcIso writes them), read by hand:
 * Date.parse was most of the statistics' time per trade. Only a valid calendar date and time of exactly that
 * shape is read here, where Date.UTC gives what Date.parse does; anything else (other shapes, fractions,
 * offsets, 24:00, 30 February, years before 100) goes to Date.parse itself.
 */
export function parseUtcSeconds(iso: string): number {
  if (
    iso.length !== 20 ||
    iso.charCodeAt(4) !== 45 || // -
    iso.charCodeAt(7) !== 45 ||
    iso.charCodeAt(10) !== 84 || // T
    iso.charCodeAt(13) !== 58 || // :
    iso.charCodeAt(16) !== 58 ||
    iso.charCodeAt(19) !== 90 // Z
  )
    return Date.parse(iso);
  const year = twoDigits(iso, 0) * 100 + twoDigits(iso, 2);
  const month = twoDigits(iso, 5);
  const day = twoDigits(iso, 8);
  const hour = twoDigits(iso, 11);
  const minute = twoDigits(iso, 14);
  const second = twoDigits(iso, 17);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  // NaN fails every comparison, so a non-digit also ends up in Date.parse.
  // Date.UTC reads years 0–99 as 1900–1999.
  const valid =
    year >= 100 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59;
  return valid ? Date.UTC(year, month - 1, day, hour, minute, second) : Date.parse(iso);
}

const clocks = new Map<string, ExchangeClock>();

export function createExchangeClock(timeZone: string): ExchangeClock {
  const cached = clocks.get(timeZone);
  if (cached !== undefined) return cached;

  const exactOffset = exactOffsetFn(timeZone);
  const offsetByUtcDay = new Map<number, number>();
  const offsetByUtcHour = new Map<number, number>();
  const dateByDay = new Map<number, string>();

  // The last day looked up: trades come sorted by closedAt, so consecutive instants share a day mostly.
  let lastDayKey = Number.NaN;
  let lastDayOffset = Number.NaN;

  function offsetAt(epochMs: number): number {
    const dayKey = Math.floor(epochMs / DAY_MS);
    let offset: number | undefined;
    if (dayKey === lastDayKey) offset = lastDayOffset;
    else {
      offset = offsetByUtcDay.get(dayKey);
      if (offset === undefined) {
        offset = constantOffset(exactOffset, dayKey * DAY_MS, DAY_MS);
        offsetByUtcDay.set(dayKey, offset);
      }
      lastDayKey = dayKey;
      lastDayOffset = offset;
    }
    if (!Number.isNaN(offset)) return offset;
    const hourKey = Math.floor(epochMs / HOUR_MS);
    offset = offsetByUtcHour.get(hourKey);
    if (offset === undefined) {
      offset = constantOffset(exactOffset, hourKey * HOUR_MS, HOUR_MS);
      offsetByUtcHour.set(hourKey, offset);
    }
    return Number.isNaN(offset) ? exactOffset(epochMs) : offset;
  }

  function dateOf(day: number): string {
    let date = dateByDay.get(day);
    if (date === undefined) {
      date = new Date(day * DAY_MS).toISOString().slice(0, 10);
      dateByDay.set(day, date);
    }
    return date;
  }

  function wallTimeAt(epochMs: number): WallTime {
    const local = epochMs + offsetAt(epochMs);
    const day = wallDay(local);
    return { date: dateOf(day), weekday: wallWeekday(day), hour: wallHour(local, day) };
  }

  function wallClockMs(iso: string): number {
    const epochMs = parseUtcSeconds(iso);
    if (Number.isNaN(epochMs)) throw new Error(`not an ISO-8601 instant: ${JSON.stringify(iso)}`);
    return epochMs + offsetAt(epochMs);
  }

  function wallTime(iso: string): WallTime {
    const local = wallClockMs(iso);
    const day = wallDay(local);
    return { date: dateOf(day), weekday: wallWeekday(day), hour: wallHour(local, day) };
  }

  const clock: ExchangeClock = {
    timeZone,
    offsetAt,
    wallTimeAt,
    wallTime,
    wallClockMs,
    dateOfWallDay: dateOf,
  };
  clocks.set(timeZone, clock);
  return clock;
}
