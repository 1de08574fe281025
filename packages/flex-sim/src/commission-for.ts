import type { Instrument } from "./instrument-catalogue.ts";

/** IBKR Pro-like fixed/tiered commissions, always ≤ 0. */
export function commissionFor(instrument: Instrument, quantity: number, price: number): number {
  const q = Math.abs(quantity);
  const value = q * price * instrument.multiplier;
  switch (instrument.assetCategory) {
    case "STK":
      if (instrument.currency === "USD")
        return -Math.min(Math.max(10_000, q * 50), Math.max(Math.round(value * 0.01), 3_500));
      return -Math.max(instrument.currency === "EUR" ? 12_500 : 50_000, Math.round(value * 0.0005));
    case "OPT":
      return -Math.max(10_000, q * 6_500);
    case "FUT":
      return -q * (instrument.currency === "EUR" ? 20_000 : instrument.multiplier >= 20 ? 22_500 : 6_200);
    default:
      return -20_000;
  }
}
