import type { FutureSpec, Instrument } from "./instrument-catalogue.ts";
import { type CalendarDay, formatShortDate, thirdFriday } from "./trading-calendar.ts";

/** Deterministic conid for a derived contract; probing keeps it unique within one generation. */
function allocateConid(key: string, used: Map<string, string>, hash: (text: string) => number): string {
  let candidate = 500_000_000 + (hash(key) % 400_000_000);
  while (used.has(String(candidate))) candidate++;
  used.set(String(candidate), key);
  return String(candidate);
}

/** Registry of the derived contracts (options, futures) created while generating. */
export class ContractRegistry {
  private readonly byKey = new Map<string, Instrument>();
  private readonly conids = new Map<string, string>();
  constructor(private readonly hash: (text: string) => number) {}

  option(underlying: Instrument, expiry: CalendarDay, strike: number, putCall: "C" | "P"): Instrument {
    const key = `OPT:${underlying.symbol}:${expiry.compact}:${strike}:${putCall}`;
    const existing = this.byKey.get(key);
    if (existing) return existing;
    const strikeText = String(strike / 10_000);
    // OCC symbology: root padded to 6, yymmdd, right, strike × 1000 in 8 digits.
    const occ = `${underlying.symbol.padEnd(6, " ")}${expiry.compact.slice(2)}${putCall}${String(strike / 10).padStart(8, "0")}`;
    const instrument: Instrument = {
      conid: allocateConid(key, this.conids, this.hash),
      assetCategory: "OPT",
      symbol: occ,
      description: `${underlying.symbol} ${formatShortDate(expiry)} ${strikeText} ${putCall}`,
      currency: underlying.currency,
      multiplier: 100,
      strike,
      expiry,
      putCall,
      underlyingConid: underlying.conid,
      underlyingSymbol: underlying.symbol,
      listingExchange: "CBOE",
      isin: "",
      marketKey: underlying.marketKey,
      tick: 100,
      session: "us",
    };
    this.byKey.set(key, instrument);
    return instrument;
  }

  /** Front quarterly contract that still has at least `minDays` to run on `day`. */
  future(spec: FutureSpec, day: CalendarDay, minDays: number): Instrument {
    const date = new Date(day.serial * 86_400_000);
    let year = date.getUTCFullYear();
    let month = Math.floor(date.getUTCMonth() / 3) * 3 + 2;
    let expiry = thirdFriday(year, month);
    while (expiry.serial - day.serial < minDays) {
      month += 3;
      if (month > 11) {
        month -= 12;
        year++;
      }
      expiry = thirdFriday(year, month);
    }
    const key = `FUT:${spec.root}:${expiry.compact}`;
    const existing = this.byKey.get(key);
    if (existing) return existing;
    const monthCode = "FGHJKMNQUVXZ"[month] ?? "Z";
    const instrument: Instrument = {
      conid: allocateConid(key, this.conids, this.hash),
      assetCategory: "FUT",
      symbol: `${spec.root}${monthCode}${String(year).slice(-1)}`,
      description: `${spec.underlyingSymbol} ${formatShortDate(expiry)}`,
      currency: spec.currency,
      multiplier: spec.multiplier,
      strike: null,
      expiry,
      putCall: null,
      underlyingConid: spec.underlyingConid,
      underlyingSymbol: spec.underlyingSymbol,
      listingExchange: spec.exchange,
      isin: "",
      marketKey: spec.root,
      tick: spec.tick,
      session: spec.session,
    };
    this.byKey.set(key, instrument);
    return instrument;
  }
}
