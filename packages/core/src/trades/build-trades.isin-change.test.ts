import { describe, expect, it } from "vitest";
import { corporateAction, execution, flexData, str } from "../test-support/flex-data-builder.ts";
import { buildTrades } from "./index.ts";

const myl = { conid: "185731883", symbol: "MYL" } as const;
const vtrs = { conid: "454859695", symbol: "VTRS" } as const;
const change = [
  corporateAction({
    ...myl,
    symbol: "MYL.OLD",
    type: "IC",
    quantity: -5,
    time: "2020-11-17T01:25:00Z",
    actionId: "1",
    description: "MYL(NL0011031208) CUSIP/ISIN CHANGE TO (US92556V1061) (MYL.OLD, MYLAN NV, NL0011031208)",
  }),
  corporateAction({
    ...vtrs,
    type: "IC",
    quantity: 5,
    time: "2020-11-17T01:25:00Z",
    actionId: "2",
    description:
      "MYL(NL0011031208) CUSIP/ISIN CHANGE TO (US92556V1061) (VTRS, VIATRIS INC-W/I, US92556V1061)",
  }),
];

describe("buildTrades: ISIN change (IC) continues the trade under the new conid", () => {
  it("one round trip from MYL to VTRS", () => {
    const book = buildTrades(
      flexData({
        executions: [
          execution({ ...myl, quantity: 5, price: 20, transactionId: "1", time: "2020-11-02T15:00:00Z" }),
          execution({ ...vtrs, quantity: -5, price: 16, transactionId: "2", time: "2020-11-20T15:00:00Z" }),
        ],
        corporateActions: change,
      }),
    );
    expect(book.trades).toHaveLength(1);
    const t = book.trades[0]!;
    expect(t.symbol).toBe("MYL");
    expect(str(t.realizedPnl)).toBe("-20");
    expect(str(t.quantity)).toBe("5");
    expect(t.executionIds).toEqual(["1", "2"]);
    expect(book.unmatched).toEqual([]);
  });

  it("an open position is listed under the new conid with the original opening time", () => {
    const book = buildTrades(
      flexData({
        executions: [execution({ ...myl, quantity: 5, price: 20, time: "2020-11-02T15:00:00Z" })],
        corporateActions: change,
      }),
    );
    expect(book.openPositions).toMatchObject([
      { conid: "454859695", symbol: "VTRS", openedAt: "2020-11-02T15:00:00Z" },
    ]);
    expect(str(book.openPositions[0]!.quantity)).toBe("5");
  });
});
