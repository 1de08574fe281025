// Ids as digit strings must order exactly as the integers they write (BigInt), missing and non-digit ids last.
import fc from "fast-check";
import { expect, it } from "vitest";
import { compareIds, idOrderKey } from "./compare-ids.ts";

const bigOrder = (a: string | null, b: string | null): number => {
  const x = a !== null && /^\d+$/.test(a) ? BigInt(a) : null;
  const y = b !== null && /^\d+$/.test(b) ? BigInt(b) : null;
  if (x === null) return y === null ? 0 : 1;
  if (y === null) return -1;
  return x < y ? -1 : x > y ? 1 : 0;
};

const id = fc.oneof(
  fc.bigInt({ min: 0n, max: 10n ** 25n }).map(String),
  fc
    .tuple(fc.integer({ min: 0, max: 3 }), fc.bigInt({ min: 0n, max: 10n ** 20n }))
    .map(([z, n]) => "0".repeat(z) + n),
  fc.constantFrom(null, "", "12a", "-5", "1.0", " 7", "0", "000"),
);

it("orders ids as BigInt does", () => {
  fc.assert(
    fc.property(id, id, (a, b) => {
      expect(compareIds(idOrderKey(a), idOrderKey(b))).toBe(bigOrder(a, b));
    }),
    { numRuns: 5000 },
  );
  expect(compareIds(idOrderKey("999"), idOrderKey("1000"))).toBe(-1);
  expect(compareIds(idOrderKey("0010"), idOrderKey("10"))).toBe(0);
});
