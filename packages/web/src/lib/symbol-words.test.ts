import { describe, expect, it } from "vitest";
import { describeSymbol } from "./symbol-words.ts";

describe("describeSymbol", () => {
  it("names an OCC option in words: root, strike, right, expiry", () => {
    expect(describeSymbol("AAPL  261218P00190000")).toBe("AAPL 190 Put · 18 Dec 26");
    expect(describeSymbol("SPY   250103C00592500")).toBe("SPY 592.5 Call · 3 Jan 25");
    expect(describeSymbol("BRKB  250117C00000125")).toBe("BRKB 0.125 Call · 17 Jan 25");
    expect(describeSymbol("GOOGL 270115C01170000")).toBe("GOOGL 1170 Call · 15 Jan 27");
  });
  it("leaves stocks, futures and non-OCC contracts as IB wrote them", () => {
    for (const s of ["AAPL", "ESH6", "ESX DEC18 69.5 P", "C ODAX DEC 18 12000", "AAPL  261318P00190000"])
      expect(describeSymbol(s)).toBe(s);
  });
});
