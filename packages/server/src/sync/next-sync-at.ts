// The daily sync runs after IB's overnight processing, at a wall-clock time in New York (IB's statement day
// ends there), whatever the server's own zone: 06:00 America/New_York is 10:00 or 11:00 UTC by season.
export interface DailySchedule {
  /** Hour of the day in `timeZone`, 0–23 (default 6). */
  readonly hour?: number;
  readonly minute?: number;
  /** IANA zone (default America/New_York). */
  readonly timeZone?: string;
}

export const DEFAULT_DAILY_SCHEDULE = { hour: 6, minute: 0, timeZone: "America/New_York" } as const;

/** The first moment strictly after `after` when the zone's wall clock shows hour:minute. */
export function nextDailySyncAt(after: Date, schedule: DailySchedule = {}): Date {
  const hour = schedule.hour ?? DEFAULT_DAILY_SCHEDULE.hour;
  const minute = schedule.minute ?? DEFAULT_DAILY_SCHEDULE.minute;
  const timeZone = schedule.timeZone ?? DEFAULT_DAILY_SCHEDULE.timeZone;
  const local = wallClock(after.getTime(), timeZone);
  for (let dayOffset = 0; dayOffset <= 2; dayOffset++) {
    const candidate = wallTimeToUtc(
      Date.UTC(local.year, local.month - 1, local.day + dayOffset, hour, minute),
      timeZone,
    );
    if (candidate > after.getTime()) return new Date(candidate);
  }
  throw new Error("unreachable: a daily time recurs within two days");
}

interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function parts(utcMs: number, timeZone: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(utcMs))
    if (p.type !== "literal") out[p.type] = Number(p.value);
  return out;
}

function wallClock(utcMs: number, timeZone: string): WallClock {
  const p = parts(utcMs, timeZone);
  return { year: p.year ?? 1970, month: p.month ?? 1, day: p.day ?? 1 };
}

/** The zone's offset from UTC at an instant, in ms (New York: −4 h or −5 h). */
function offsetMs(utcMs: number, timeZone: string): number {
  const p = parts(utcMs, timeZone);
  const asUtc = Date.UTC(
    p.year ?? 1970,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    p.hour ?? 0,
    p.minute ?? 0,
    p.second ?? 0,
  );
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** Wall time (given as if it were UTC) → instant; a time skipped by a DST jump lands an hour later. */
function wallTimeToUtc(wallAsUtcMs: number, timeZone: string): number {
  let guess = wallAsUtcMs - offsetMs(wallAsUtcMs, timeZone);
  guess = wallAsUtcMs - offsetMs(guess, timeZone);
  return guess;
}
