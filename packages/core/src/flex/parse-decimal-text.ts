// IB writes numbers with "," thousands separators ("1,808.56") in some sections; parse to exact decimals.
import { Decimal } from "../money.ts";

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const SMALL_INTEGER = /^-?[1-9]\d{0,6}$/;

/** Exact Decimal, or null when the text is not a plain decimal number (hex, NaN, Infinity are refused). */
export function parseDecimalText(text: string): Decimal | null {
  const s = text.indexOf(",") === -1 ? text : text.replaceAll(",", "");
  // Small integers go through decimal.js's number path, which is exact for them and allocates least.
  if (SMALL_INTEGER.test(s)) return new Decimal(Number(s));
  if (!NUMBER.test(s)) return null;
  // decimal.js grows its digit array by push (capacity 17 words); an exact-size copy, made before anyone
  // else sees the value, saves ~130 bytes per Decimal when 200k executions each hold a few.
  const d = new Decimal(s);
  const digits = d.d;
  if (digits !== null && digits !== undefined) (d as { d: number[] }).d = digits.slice();
  return d;
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
