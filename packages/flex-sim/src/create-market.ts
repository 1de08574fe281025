import { createRng, hashString, type Rng } from "./create-rng.ts";
import { FUTURES, SPLIT_STOCK, STOCKS } from "./instrument-catalogue.ts";

/** Daily closing prices and FX rates, shared by every account of one statement so they agree on prices. */
export interface Market {
  /** Close of `key` on trading day `dayIndex` (−1 = the day before the window), split-adjusted after a split. */
  close(key: string, dayIndex: number): number;
  /** USD per unit of `currency` on that day. */
  usdPer(currency: string, dayIndex: number): number;
  /** IB's fxRateToBase text (5 decimals, "1" for the base itself). */
  fxRateToBase(currency: string, base: string, dayIndex: number): string;
}

export interface MarketSplit {
  readonly key: string;
  readonly dayIndex: number;
  readonly ratio: number;
}

export const CURRENCIES = ["USD", "EUR", "CHF", "GBP"] as const;
const FX_START: Record<string, number> = { USD: 1, EUR: 1.08, CHF: 1.12, GBP: 1.27 };

function gaussian(rng: Rng): number {
  const u = Math.max(rng.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

function walk(rng: Rng, start: number, days: number, dailyVol: number): Float64Array {
  const path = new Float64Array(days + 1);
  let price = start;
  for (let i = 0; i <= days; i++) {
    path[i] = price;
    // Mean reversion toward the start keeps a multi-year walk from drifting to absurd prices.
    price *= Math.exp(dailyVol * gaussian(rng) - 0.02 * Math.log(price / start));
  }
  return path;
}

export function createMarket(seed: number, dayCount: number, split: MarketSplit | null): Market {
  const paths = new Map<string, Float64Array>();
  const base = createRng(seed ^ 0x5eed);
  for (const spec of [...STOCKS, SPLIT_STOCK]) {
    paths.set(spec.symbol, walk(base.fork(hashString(spec.symbol)), spec.price, dayCount, 0.02));
  }
  for (const spec of FUTURES)
    paths.set(spec.root, walk(base.fork(hashString(spec.root)), spec.price, dayCount, 0.011));
  for (const currency of CURRENCIES) {
    paths.set(
      `FX:${currency}`,
      walk(base.fork(hashString(currency)), FX_START[currency] ?? 1, dayCount, 0.004),
    );
  }
  if (split) {
    // Prices after the split day trade at 1/ratio; the split is booked after the close (20:25 New York).
    const path = paths.get(split.key);
    if (path) for (let i = split.dayIndex + 2; i < path.length; i++) path[i] = (path[i] ?? 0) / split.ratio;
  }
  const fxText = new Map<string, string>();
  const market: Market = {
    close(key, dayIndex) {
      const path = paths.get(key);
      if (!path) throw new Error(`no price path for ${key}`);
      return path[Math.min(Math.max(dayIndex + 1, 0), path.length - 1)] ?? 0;
    },
    usdPer(currency, dayIndex) {
      return currency === "USD" ? 1 : market.close(`FX:${currency}`, dayIndex);
    },
    fxRateToBase(currency, baseCurrency, dayIndex) {
      if (currency === baseCurrency) return "1";
      const key = `${currency}:${baseCurrency}:${dayIndex}`;
      let text = fxText.get(key);
      if (text === undefined) {
        const rate = market.usdPer(currency, dayIndex) / market.usdPer(baseCurrency, dayIndex);
        text = String(Number(rate.toFixed(5)));
        fxText.set(key, text);
      }
      return text;
    },
  };
  return market;
}
