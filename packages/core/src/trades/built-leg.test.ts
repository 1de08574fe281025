import { describe, expect, it } from "vitest";
import { Decimal, ONE } from "../money.ts";
import { BuiltLeg } from "./built-leg.ts";

const src = {
  executionId: "42",
  time: "2025-03-10T14:30:00Z",
  price: new Decimal("12.5"),
  multiplier: ONE,
  fxRateToBase: new Decimal("1.1"),
  synthetic: null,
};

describe("BuiltLeg", () => {
  it("builds its cash flow from the units once, on first read", () => {
    const leg = new BuiltLeg(src, new Decimal(100), new Decimal("-1.25"), true, null, -125125, 2);
    expect(leg.cashFlow.toString()).toBe("-1251.25");
    expect(leg.cashFlow).toBe(leg.cashFlow);
  });

  it("keeps a cash flow it was given, whatever the units say", () => {
    const given = new Decimal("-0");
    const leg = new BuiltLeg(src, new Decimal(0), new Decimal("-0"), false, given, 0, 0);
    expect(leg.cashFlow).toBe(given);
  });

  it("serialises like a plain leg: every TradeLeg field, in the interface's order, nothing of its own", () => {
    const leg = new BuiltLeg(src, new Decimal(-3), new Decimal("-0.5"), false, null, 37, 1);
    const plain = {
      executionId: "42",
      time: "2025-03-10T14:30:00Z",
      quantity: new Decimal(-3),
      price: new Decimal("12.5"),
      multiplier: ONE,
      commission: new Decimal("-0.5"),
      cashFlow: new Decimal("3.7"),
      fxRateToBase: new Decimal("1.1"),
      opening: false,
      synthetic: null,
    };
    expect(JSON.stringify(leg)).toBe(JSON.stringify(plain));
    expect(Object.keys(leg.toJSON())).toEqual(Object.keys(plain));
  });
});
