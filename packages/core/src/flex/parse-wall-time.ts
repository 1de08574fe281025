// IB writes wall-clock time without a zone, in several date/time layouts chosen by the query's settings.
import { ambiguousDateError } from "./flex-format-error.ts";

/** A parsed wall-clock time; `day` is yyyymmdd as a number (a cache key), `ms` the wall time read as UTC. */
export interface WallTime {
  day: number;
  ms: number;
  hasTime: boolean;
}

const SEMICOLON = 59;
const COMMA = 44;
const SPACE = 32;
const COLON = 58;
const DASH = 45;
const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function num(s: string, from: number, len: number): number {
  let v = 0;
  for (let i = from; i < from + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Reads `yyyyMMdd` or `yyyy-MM-dd` at the start of `s`; returns the position after it, or -1. */
function readDate(s: string, out: WallTime): number {
  let y: number;
  let m: number;
  let d: number;
  let pos: number;
  if (s.length >= 10 && s.charCodeAt(4) === DASH && s.charCodeAt(7) === DASH) {
    y = num(s, 0, 4);
    m = num(s, 5, 2);
    d = num(s, 8, 2);
    pos = 10;
  } else if (s.length >= 8) {
    y = num(s, 0, 4);
    m = num(s, 4, 2);
    d = num(s, 6, 2);
    pos = 8;
  } else return -1;
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > (DAYS_IN_MONTH[m] ?? 0)) return -1;
  if (m === 2 && d === 29 && (y % 4 !== 0 || (y % 100 === 0 && y % 400 !== 0))) return -1;
  out.day = y * 10000 + m * 100 + d;
  out.ms = Date.UTC(y, m - 1, d);
  out.hasTime = false;
  return pos;
}

/** Seconds since midnight from `HHmmss` or `HH:mm:ss` starting at `from` and running to the end; -1 if not. */
function readTime(s: string, from: number): number {
  const rest = s.length - from;
  let h: number;
  let mi: number;
  let se: number;
  if (rest === 6) {
    h = num(s, from, 2);
    mi = num(s, from + 2, 2);
    se = num(s, from + 4, 2);
  } else if (rest === 8 && s.charCodeAt(from + 2) === COLON && s.charCodeAt(from + 5) === COLON) {
    h = num(s, from, 2);
    mi = num(s, from + 3, 2);
    se = num(s, from + 6, 2);
  } else return -1;
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 59) return -1;
  return h * 3600 + mi * 60 + se;
}

/**
 * Parses a date, optionally followed by `;`, `,`, `, ` or a space and a time. Returns false when unreadable.
 * Throws FlexFormatError("ambiguous-date-format") for slash dates, which only the query settings can fix.
 */
export function parseWallTime(field: string, s: string, out: WallTime): boolean {
  const pos = readDate(s, out);
  if (pos === -1) return refuse(field, s);
  if (pos === s.length) return true;
  const sep = s.charCodeAt(pos);
  let from = pos + 1;
  if (sep === COMMA && s.charCodeAt(from) === SPACE) from++;
  else if (sep !== SEMICOLON && sep !== COMMA && sep !== SPACE) return refuse(field, s);
  const secs = readTime(s, from);
  if (secs < 0) return refuse(field, s);
  out.ms += secs * 1000;
  out.hasTime = true;
  return true;
}

/** Adds a separate `tradeTime` (`HHmmss` or `HH:mm:ss`) to a date-only WallTime. */
export function addTimeOfDay(s: string, out: WallTime): boolean {
  const secs = readTime(s, 0);
  if (secs < 0) return false;
  out.ms += secs * 1000;
  out.hasTime = true;
  return true;
}

function refuse(field: string, s: string): false {
  if (s.indexOf("/") !== -1) throw ambiguousDateError(field, s);
  return false;
}

/** yyyy-MM-dd of a WallTime's day. */
export function isoDay(day: number): string {
  const y = Math.floor(day / 10000);
  const m = Math.floor(day / 100) % 100;
  const d = day % 100;
  return `${y}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}
