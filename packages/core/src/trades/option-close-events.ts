// Rule 9: an OptionEAE Expiration/Assignment/Exercise row closes the option itself, at IB's booking time
// 16:20 New York, unless IB also wrote the booking as an execution at price 0 that day (then that row closes it).
import { newYorkToUtcMs, utcIso } from "../flex/new-york-to-utc.ts";
import type { FlexData, OptionEvent } from "../types.ts";
import type { PreparedExecution } from "./prepare-executions.ts";
import type { MultiplierResolver } from "./resolve-multiplier.ts";
import type { OptionCloseEvent } from "./timeline-event.ts";

/** IB books expirations, assignments and exercises after the close: 16:20:00 New York, DST-correct. */
function bookingTimeMs(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return newYorkToUtcMs(y * 10000 + m * 100 + d, Date.UTC(y, m - 1, d, 16, 20, 0));
}

/**
 * `keys[i]` is the instrument key of `data.optionEvents[i]`; `zeroPriced` the prepared executions of those
 * instruments at price 0 (prepareExecutions collects them: reading every execution's price here again was most
 * of this function's time).
 */
export function optionCloseEvents(
  data: FlexData,
  keys: readonly string[],
  zeroPriced: readonly PreparedExecution[],
  multiplierOf: MultiplierResolver,
): OptionCloseEvent[] {
  if (data.optionEvents.length === 0) return [];
  const booked = new Set<string>();
  for (const { exec, key } of zeroPriced) booked.add(`${key}\u0000${exec.tradeDate}`);
  const seen = new Set<string>();
  const out: OptionCloseEvent[] = [];
  for (let i = 0; i < data.optionEvents.length; i++) {
    const event = data.optionEvents[i]!;
    const key = keys[i]!;
    // A Cash Settlement row books cash, not a close (cashSettlements below).
    if (event.type === "Cash Settlement") continue;
    if (booked.has(`${key}\u0000${event.date}`)) continue;
    // Overlapping statements repeat OptionEAE rows; each event closes once.
    const dedupe = `${key}\u0000${event.type}\u0000${event.date}\u0000${event.quantity.toString()}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    const timeMs = bookingTimeMs(event.date);
    out.push({
      kind: "option-close",
      timeMs,
      time: utcIso(timeMs),
      fileOrder: event.fileOrder,
      key,
      multiplier: multiplierOf(event),
      event,
    });
  }
  return out;
}

/**
 * Rule 9, cash-settled options: the Cash Settlement rows by instrument key and date, the first of repeated rows
 * (overlapping statements). `keys[i]` is the instrument key of `data.optionEvents[i]`.
 */
export function cashSettlements(data: FlexData, keys: readonly string[]): Map<string, OptionEvent> {
  const out = new Map<string, OptionEvent>();
  for (let i = 0; i < data.optionEvents.length; i++) {
    const event = data.optionEvents[i]!;
    if (event.type !== "Cash Settlement") continue;
    const at = settlementKey(keys[i]!, event.date);
    if (!out.has(at)) out.set(at, event);
  }
  return out;
}

export const settlementKey = (key: string, date: string): string => `${key}\u0000${date}`;
