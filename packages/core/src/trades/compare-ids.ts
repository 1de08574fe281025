// Rule 5: transactionIDs are compared as integers ("999" before "1000"); they exceed 2^53, hence BigInt.

/** The id as an integer, or null when absent or not all digits (such ids sort like missing ones). */
export function idToBigInt(id: string | null): bigint | null {
  return id !== null && /^\d+$/.test(id) ? BigInt(id) : null;
}

/** Integer order; a missing id sorts after every present one (ADR 0003). */
export function compareIds(a: bigint | null, b: bigint | null): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
