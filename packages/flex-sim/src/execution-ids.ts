import type { Rng } from "./create-rng.ts";
import type { Instrument } from "./instrument-catalogue.ts";
import type { CalendarDay } from "./trading-calendar.ts";

const VENUES: Record<string, readonly string[]> = {
  STK: ["NASDAQ", "ARCA", "IBKRATS", "DARK", "NYSE", "BATS", "IEX"],
  OPT: ["CBOE", "PHLX", "ISE", "AMEX", "BOX"],
};

/** SMART routing spreads US executions over venues; European and futures fills stay on the listing exchange. */
export function exchangeFor(instrument: Instrument, rng: Rng): string {
  const venues = VENUES[instrument.assetCategory];
  return venues && instrument.session === "us" ? rng.pick(venues) : instrument.listingExchange;
}

/** IB execution ids look like "0000e0d5.6571a2b3.01.01": a counter, then epoch seconds in hex. */
export function execId(counter: number, day: CalendarDay, seconds: number): string {
  const head = (counter % 0x1_0000_0000).toString(16).padStart(8, "0");
  const epoch = (day.serial * 86_400 + seconds + 18_000).toString(16).padStart(8, "0");
  return `${head}.${epoch}.01.01`;
}
