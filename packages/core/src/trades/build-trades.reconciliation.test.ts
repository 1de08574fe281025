import { describe, expect, it } from "vitest";
import { execution, flexData, str } from "../test-support/flex-data-builder.ts";
import { buildTrades } from "./index.ts";

const roundTrip = (fifo: string | null) =>
  buildTrades(
    flexData({
      executions: [
        execution({ quantity: 100, price: 10, fifoPnlRealized: fifo === null ? null : 0 }),
        execution({ quantity: -100, price: "10.5", fifoPnlRealized: fifo }),
      ],
    }),
  ).trades[0]!.reconciliation;

describe("buildTrades: reconciliation with IB's fifoPnlRealized (rule 12)", () => {
  it("matches within 0.02", () => {
    expect(roundTrip("50.02")).toMatchObject({ status: "matches", reason: null });
    expect(str(roundTrip("49.98").brokerPnl)).toBe("49.98");
  });

  it("differs beyond it, unexplained without a known cause", () => {
    expect(roundTrip("50.03")).toMatchObject({ status: "differs", reason: "unexplained" });
  });

  it("says so when IB reported 0 on every row (field not filled for that query or venue)", () => {
    expect(roundTrip("0")).toMatchObject({ status: "differs", reason: "broker-reported-zero" });
  });

  it("is unavailable when no execution carries fifoPnlRealized", () => {
    const r = roundTrip(null);
    expect(r.status).toBe("unavailable");
    expect(r.brokerPnl).toBeNull();
  });

  it("explains a difference by a lot opened before the window (the opening row already realized P&L)", () => {
    const r = buildTrades(
      flexData({
        executions: [
          execution({ quantity: -100, price: 12, fifoPnlRealized: 200 }),
          execution({ quantity: 100, price: 11, fifoPnlRealized: 0 }),
        ],
      }),
    ).trades[0]!.reconciliation;
    expect(r).toMatchObject({ status: "differs", reason: "lot-opened-before-window" });
    expect(str(r.brokerPnl)).toBe("200");
  });

  it("explains a difference by an unconverted commission currency", () => {
    const r = buildTrades(
      flexData({
        executions: [
          execution({
            currency: "EUR",
            quantity: 100,
            price: 10,
            commission: -5,
            commissionCurrency: "USD",
            fifoPnlRealized: 0,
          }),
          execution({ currency: "EUR", quantity: -100, price: 10, fifoPnlRealized: "-4.6" }),
        ],
      }),
    ).trades[0]!.reconciliation;
    expect(r).toMatchObject({ status: "differs", reason: "commission-currency" });
  });
});
