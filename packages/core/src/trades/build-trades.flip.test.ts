import { describe, expect, it } from "vitest";
import { execution, flexData, str } from "../test-support/flex-data-builder.ts";
import { buildTrades } from "./index.ts";

describe("buildTrades: an execution crossing 0 (C;O) is split", () => {
  const book = buildTrades(
    flexData({
      executions: [
        execution({ quantity: 100, price: 10, commission: -1, transactionId: "1", fifoPnlRealized: 0 }),
        execution({
          quantity: -150,
          price: 12,
          commission: -3,
          transactionId: "2",
          openCloseIndicator: "C;O",
          fifoPnlRealized: 197,
        }),
        execution({ quantity: 50, price: 11, commission: -1, transactionId: "3", fifoPnlRealized: 48 }),
      ],
    }),
  );

  it("closes the long with 100 of the 150 and 2 of the 3 commission", () => {
    const t = book.trades[0]!;
    expect(t.side).toBe("long");
    expect(str(t.realizedPnl)).toBe("197"); // −1001 + (1200 − 2)
    expect(str(t.fees)).toBe("-3");
    expect(t.executionIds).toEqual(["1", "2"]);
    expect(t.reconciliation.status).toBe("matches");
    expect(str(t.reconciliation.brokerPnl)).toBe("197");
  });

  it("opens a short with the other 50, and the row's fifoPnlRealized stays with the closed trade", () => {
    const t = book.trades[1]!;
    expect(t.side).toBe("short");
    expect(str(t.quantity)).toBe("50");
    expect(str(t.realizedPnl)).toBe("48"); // (600 − 1) − 551
    expect(str(t.returnPct)).toBe("8"); // 48 / 600
    expect(t.executionIds).toEqual(["2", "3"]);
    expect(t.openedAt).toBe(book.trades[0]!.closedAt);
    expect(str(t.reconciliation.brokerPnl)).toBe("48");
  });

  it("splits a commission that does not divide evenly without losing a fraction", () => {
    const b = buildTrades(
      flexData({
        executions: [
          execution({ quantity: 100, price: 10 }),
          execution({ quantity: -150, price: 10, commission: -1 }),
          execution({ quantity: 50, price: 10 }),
        ],
      }),
    );
    const closingShare = b.trades[0]!.legs[1]!.commission;
    const openingShare = b.trades[1]!.legs[0]!.commission;
    expect(str(closingShare)).toBe("-0.6666666667"); // rounded to 10 places; the opening share takes the rest
    expect(str(closingShare.plus(openingShare))).toBe("-1");
    expect(str(b.trades[0]!.realizedPnl.plus(b.trades[1]!.realizedPnl))).toBe("-1");
  });
});
