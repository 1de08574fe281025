// IB writes numbers with "," thousands separators ("1,808.56") in some sections; parse to exact decimals.
import { Decimal } from "../money.ts";

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,4})?$/;

/** Exact Decimal, or null when the text is not a plain decimal number (hex, NaN, Infinity are refused). */
export function parseDecimalText(text: string): Decimal | null {
  const s = text.indexOf(",") === -1 ? text : text.replaceAll(",", "");
  if (!NUMBER.test(s)) return null;
  return new Decimal(s);
}

/** Repeating values (quantities, prices, multipliers, FX rates, commissions) share one immutable Decimal. */
export class DecimalCache {
  private map = new Map<string, Decimal>();

  constructor(private readonly limit = 20_000) {}

  get(text: string): Decimal | null {
    const hit = this.map.get(text);
    if (hit !== undefined) return hit;
    const value = parseDecimalText(text);
    if (value === null) return null;
    if (this.map.size >= this.limit) this.map = new Map();
    this.map.set(text.length < 13 ? text : ` ${text}`.slice(1), value);
    return value;
  }

  clear(): void {
    this.map = new Map();
  }
}
