// returnPct: realizedPnl × 100 ÷ opened value, divided at 34 significant digits, then 12 places half-even.
import { expect, it } from "vitest";
import { Decimal } from "../money.ts";
import { returnPct } from "./return-pct.ts";

const pct = (pnl: string, opened: string) =>
  returnPct(new Decimal(pnl), new Decimal(opened))?.toFixed() ?? null;

it("is exact when the quotient terminates", () => {
  expect(pct("248", "15000")).toBe("1.653333333333");
  expect(pct("-9001", "1000")).toBe("-900.1");
  expect(pct("0", "150")).toBe("0");
});

it("rounds half-even to 12 places", () => {
  // 1 ÷ 3 × 100 = 33.333…; 2 ÷ 3 × 100 = 66.666…7.
  expect(pct("1", "3")).toBe("33.333333333333");
  expect(pct("2", "3")).toBe("66.666666666667");
  // 5e-13 × 100 ÷ 100 is a tie at the 13th place: to the even 12th digit.
  expect(pct("0.0000000000005", "100")).toBe("0");
  expect(pct("0.0000000000015", "100")).toBe("0.000000000002");
});

it("is null when the trade opened with no value", () => {
  expect(pct("10", "0")).toBeNull();
});
