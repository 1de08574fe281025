// Rule 9: IB books option expirations/assignments/exercises at 16:20:00 exchange time. core has no tz library,
// so the America/New_York offset is read from Intl (full ICU ships with Node ≥ 13 and every browser).
const formatter = new Intl.DateTimeFormat("en-US", {
  timeZone: "America/New_York",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** New York wall time minus UTC at the instant `utcMs`, in milliseconds (−4 h or −5 h). */
function newYorkOffsetMs(utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter.formatToParts(new Date(utcMs))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  const wall = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return wall - utcMs;
}

const cache = new Map<string, number>();

/**
 * Milliseconds since epoch of a New York wall time (`date` yyyy-MM-dd, `time` HH:mm:ss). Two probes make it
 * DST-correct; a wall time inside the spring-forward gap resolves to the later offset (never happens at 16:20).
 */
export function newYorkWallTimeToMs(date: string, time: string): number {
  const cacheKey = `${date}T${time}`;
  const hit = cache.get(cacheKey);
  if (hit !== undefined) return hit;
  const [y, mo, d] = date.split("-").map(Number);
  const [h, mi, s] = time.split(":").map(Number);
  const wall = Date.UTC(y ?? 1970, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0);
  let utc = wall - newYorkOffsetMs(wall);
  utc = wall - newYorkOffsetMs(utc);
  cache.set(cacheKey, utc);
  return utc;
}

/** ISO-8601 UTC with seconds precision and `Z`, as everywhere in the report (rule 6). */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
