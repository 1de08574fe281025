/**
 * A rough option premium (per share, in currency units): intrinsic value plus a time value that shrinks
 * with distance from the money and with time. Only realism of magnitudes matters, not arbitrage-freeness.
 */
export function priceOption(
  underlying: number,
  strike: number,
  putCall: "C" | "P",
  daysToExpiry: number,
): number {
  const intrinsic = Math.max(0, putCall === "C" ? underlying - strike : strike - underlying);
  const years = Math.max(daysToExpiry, 0.3) / 365;
  const moneyness = (underlying - strike) / underlying;
  const timeValue = underlying * 0.35 * Math.sqrt(years) * 0.4 * Math.exp(-(moneyness * moneyness) * 25);
  return Math.max(0.01, Math.round((intrinsic + timeValue) * 100) / 100);
}

/** Listed strike spacing by price level, like US equity options. */
export function strikeStep(underlying: number): number {
  if (underlying < 25) return 0.5;
  if (underlying < 100) return 1;
  if (underlying < 500) return 5;
  return 10;
}
