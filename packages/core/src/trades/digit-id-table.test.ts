import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { DigitIdTable, digitIdValue } from "./digit-id-table.ts";

describe("digitIdValue", () => {
  test("reads plain integers of up to 15 digits", () => {
    expect(digitIdValue("0")).toBe(0);
    expect(digitIdValue("7")).toBe(7);
    expect(digitIdValue("27364581904")).toBe(27364581904);
    expect(digitIdValue("999999999999999")).toBe(999999999999999);
  });

  test("refuses ids whose value would not tell them apart: leading zeros, 16+ digits, other characters", () => {
    for (const id of ["", "00", "0123", "1234567890123456", "12a", "-5", "1.5", " 12", "１２"]) {
      expect(digitIdValue(id), id).toBe(-1);
    }
  });

  test("equal values only for equal strings", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,16}$/), fc.stringMatching(/^[0-9]{1,16}$/), (a, b) => {
        const va = digitIdValue(a);
        const vb = digitIdValue(b);
        if (va >= 0 && vb >= 0) expect(va === vb).toBe(a === b);
      }),
    );
  });
});

describe("DigitIdTable", () => {
  test("answers like a Map through growth, repeats and neighbouring keys", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })),
            fc.nat(1_000_000),
          ),
          { maxLength: 3000 },
        ),
        (ops) => {
          const table = new DigitIdTable();
          const map = new Map<number, number>();
          for (const [key, value] of ops) {
            expect(table.get(key)).toBe(map.get(key) ?? -1);
            table.set(key, value);
            map.set(key, value);
          }
          for (const [key] of ops) expect(table.get(key)).toBe(map.get(key));
          expect(table.get(-1)).toBe(-1);
        },
      ),
      { numRuns: 50 },
    );
  });

  test("100k consecutive ids (IB numbers them in sequence) are all found again", () => {
    const table = new DigitIdTable();
    const start = 27_364_581_904;
    for (let i = 0; i < 100_000; i++) table.set(start + i, i);
    for (let i = 0; i < 100_000; i++) expect(table.get(start + i)).toBe(i);
    expect(table.get(start + 100_000)).toBe(-1);
  });
});
