// The hand-read ISO instants must be exactly what Date.parse gives, including NaN and the shapes it leaves alone.
import fc from "fast-check";
import { expect, it } from "vitest";
import { parseUtcSeconds } from "./exchange-time.ts";

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

it("reads instants like Date.parse", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
      fc.integer({ min: 0, max: 25 }),
      fc.integer({ min: 0, max: 60 }),
      fc.integer({ min: 0, max: 60 }),
      (y, mo, d, h, mi, s) => {
        const iso = `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}Z`;
        expect(parseUtcSeconds(iso)).toBe(Date.parse(iso));
      },
    ),
    { numRuns: 5000 },
  );
  for (const iso of [
    "2025-03-10T14:30:00Z",
    "2024-02-29T23:59:59Z",
    "2023-02-29T00:00:00Z",
    "1900-02-29T00:00:00Z",
    "2025-03-10T24:00:00Z",
    "2025-03-10T14:30:00.250Z",
    "2025-03-10T14:30:00+01:00",
    "2025-3-10T14:30:00Z",
    "2025-0a-10T14:30:00Z",
    "0099-12-31T00:00:00Z",
    "",
  ])
    expect(parseUtcSeconds(iso)).toBe(Date.parse(iso));
});
