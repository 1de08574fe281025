// Rule 2's index of transactionIDs, for the usual ones: IB writes them as plain decimal integers (10–12 digits
// today). Such an id is exactly one double, so it is kept in an open-addressing table of typed arrays rather
// than as a string key of a Map, which hashed and stored each of 100k id strings (de-duplicating 100k rows
// went from ~25 to ~19 ms). Ids of another shape (leading zeros, letters, more than 15 digits) stay in a Map.

/**
 * The id's value when it is 1–15 digits without a leading zero (or "0"): the ids for which equal values mean
 * equal strings. −1 otherwise.
 */
export function digitIdValue(id: string): number {
  const n = id.length;
  if (n === 0 || n > 15 || (n > 1 && id.charCodeAt(0) === 48)) return -1;
  let value = 0;
  for (let i = 0; i < n; i++) {
    const c = id.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c; // < 10^15: exact
  }
  return value;
}

const EMPTY = -1;

/** digitIdValue() → a non-negative integer (the caller's row index), with linear probing. */
export class DigitIdTable {
  private keys = new Float64Array(1024);
  private values = new Int32Array(1024).fill(EMPTY);
  private mask = 1023;
  private size = 0;

  /** The value stored for `key`, or −1. */
  get(key: number): number {
    const { keys, values, mask } = this;
    for (let i = slotOf(key, mask); ; i = (i + 1) & mask) {
      const v = values[i]!;
      if (v === EMPTY || keys[i] === key) return v;
    }
  }

  /** Stores `value` (≥ 0) for `key`, replacing any earlier one. */
  set(key: number, value: number): void {
    if (2 * (this.size + 1) > this.mask + 1) this.grow();
    if (this.put(key, value)) this.size += 1;
  }

  /** True when `key` was new. */
  private put(key: number, value: number): boolean {
    const { keys, values, mask } = this;
    for (let i = slotOf(key, mask); ; i = (i + 1) & mask) {
      if (values[i] === EMPTY) {
        keys[i] = key;
        values[i] = value;
        return true;
      }
      if (keys[i] === key) {
        values[i] = value;
        return false;
      }
    }
  }

  private grow(): void {
    const { keys, values } = this;
    const capacity = (this.mask + 1) * 2;
    this.keys = new Float64Array(capacity);
    this.values = new Int32Array(capacity).fill(EMPTY);
    this.mask = capacity - 1;
    for (let i = 0; i < values.length; i++) if (values[i] !== EMPTY) this.put(keys[i]!, values[i]!);
  }
}

/** Mixes both 32-bit halves of an integer below 2^53 (ids are often consecutive: low bits alone would do, but
 * a multiplicative mix keeps any pattern from clustering). */
function slotOf(key: number, mask: number): number {
  const lo = key % 4294967296;
  const hi = (key - lo) / 4294967296;
  let h = Math.imul(lo | 0, 0x9e3779b1) ^ Math.imul(hi | 0, 0x85ebca6b);
  h ^= h >>> 15;
  return h & mask;
}
