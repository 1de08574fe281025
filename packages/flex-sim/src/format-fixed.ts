/**
 * Money, prices and quantities are integers in units of 1/10000 ("fixed"), so sums stay exact without a
 * decimal library: the largest amounts generated (≈1e8 × 1e4) stay far below 2^53.
 */
export const FIXED_SCALE = 10_000;

export function toFixedUnits(value: number): number {
  return Math.round(value * FIXED_SCALE);
}

/** Shortest plain decimal for a fixed value, the way IB writes numbers ("150", "-12.5", "0.0035"). */
export function formatFixed(units: number): string {
  const negative = units < 0;
  const abs = Math.abs(units);
  const whole = Math.floor(abs / FIXED_SCALE);
  const fraction = abs - whole * FIXED_SCALE;
  const sign = negative && abs !== 0 ? "-" : "";
  if (fraction === 0) return `${sign}${whole}`;
  const digits = String(fraction).padStart(4, "0").replace(/0+$/, "");
  return `${sign}${whole}.${digits}`;
}

/** Rounds a product like `fixed × quantity / divisor` back to fixed units, half away from zero. */
export function roundUnits(value: number): number {
  return value < 0 ? -Math.round(-value) : Math.round(value);
}
