// Rule 5: transactionIDs are compared as integers ("999" before "1000"). They exceed 2^53; rather than a BigInt
// per row, an id is kept as its digits without leading zeros, and such digit strings compare as integers by
// length first, then code unit by code unit.

/** The id's digits without leading zeros ("0" for zero), or null when absent or not all digits (such ids sort like missing ones). */
export function idOrderKey(id: string | null): string | null {
  if (id === null || id.length === 0) return null;
  let start = -1;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c < 48 || c > 57) return null;
    if (start === -1 && c !== 48) start = i;
  }
  if (start === 0) return id;
  return start === -1 ? "0" : id.slice(start);
}

/** Integer order of idOrderKey()s; a missing id sorts after every present one (ADR 0003). */
export function compareIds(a: string | null, b: string | null): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
