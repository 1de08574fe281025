// IB's times are America/New_York wall time with no zone; DST changes the offset twice a year.

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
let formatter: Intl.DateTimeFormat | undefined;
/** yyyymmdd → offset (ms, local − UTC) valid for the whole day, or NaN on a DST transition day. */
const dayOffsets = new Map<number, number>();

/** Offset of New York wall time from UTC at the instant `utcMs` (e.g. −5 h in winter). */
function offsetAt(utcMs: number): number {
  formatter ??= new Intl.DateTimeFormat("en-US", {
    timeZone: "America/New_York",
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  });
  let y = 0;
  let mo = 0;
  let d = 0;
  let h = 0;
  let mi = 0;
  let s = 0;
  for (const part of formatter.formatToParts(utcMs)) {
    const v = Number(part.value);
    if (part.type === "year") y = v;
    else if (part.type === "month") mo = v;
    else if (part.type === "day") d = v;
    else if (part.type === "hour") h = v;
    else if (part.type === "minute") mi = v;
    else if (part.type === "second") s = v;
  }
  return Date.UTC(y, mo - 1, d, h, mi, s) - Math.floor(utcMs / 1000) * 1000;
}

function offsetForDay(day: number): number {
  let off = dayOffsets.get(day);
  if (off === undefined) {
    const midnight = Date.UTC(Math.floor(day / 10000), (Math.floor(day / 100) % 100) - 1, day % 100);
    // 05:00 UTC is 00:00 or 01:00 in New York, before the 02:00 switch; compare with the same instant a day later.
    const start = offsetAt(midnight + 5 * HOUR_MS);
    off = start === offsetAt(midnight + DAY_MS + 5 * HOUR_MS) ? start : Number.NaN;
    dayOffsets.set(day, off);
  }
  return off;
}

/**
 * UTC epoch ms of a New York wall time (given as if it were UTC). Deterministic on DST days, like
 * Temporal's "compatible" disambiguation: a repeated hour (November, 01:00–01:59) takes the earlier instant
 * (EDT); a skipped hour (March, 02:00–02:59) is read with the pre-switch offset (EST), i.e. moved forward.
 */
export function newYorkToUtcMs(day: number, wallMs: number): number {
  const off = offsetForDay(day);
  if (!Number.isNaN(off)) return wallMs - off;
  const before = offsetAt(wallMs - DAY_MS);
  const after = offsetAt(wallMs + DAY_MS);
  const t1 = wallMs - before;
  const t2 = wallMs - after;
  const ok1 = offsetAt(t1) === before;
  const ok2 = offsetAt(t2) === after;
  if (ok1 && ok2) return Math.min(t1, t2);
  if (ok2 && !ok1) return t2;
  return t1;
}

/** UTC day number → "2025-01-15T"; second of day → "14:30:15Z". Shared pieces keep 200k timestamps small. */
const dayPrefixes = new Map<number, string>();
const timesOfDay: string[] = [];

function twoDigits(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/** "2025-01-15T14:30:15Z": ISO-8601 UTC, seconds precision. */
export function utcIso(utcMs: number): string {
  const dayNumber = Math.floor(utcMs / DAY_MS);
  let prefix = dayPrefixes.get(dayNumber);
  if (prefix === undefined) {
    prefix = new Date(dayNumber * DAY_MS).toISOString().slice(0, 11);
    dayPrefixes.set(dayNumber, prefix);
  }
  const second = Math.floor((utcMs - dayNumber * DAY_MS) / 1000);
  let time = timesOfDay[second];
  if (time === undefined) {
    time = `${twoDigits(Math.floor(second / 3600))}:${twoDigits(Math.floor(second / 60) % 60)}:${twoDigits(second % 60)}Z`;
    timesOfDay[second] = time;
  }
  // Joined, not `prefix + time`: a concatenation is a cons string, which every later read (the statistics,
  // sorting) must flatten first; join() builds the flat string once.
  return [prefix, time].join("");
}
