import { describe, expect, it } from "vitest";
import { corporateAction, execution, flexData, str } from "../test-support/flex-data-builder.ts";
import { buildTrades } from "./index.ts";

describe("buildTrades: splits (rule 10)", () => {
  it("a forward split on the same conid changes the open trade's position, no cash, no opening value", () => {
    const book = buildTrades(
      flexData({
        executions: [
          execution({ quantity: 100, price: 10, time: "2025-05-01T15:00:00Z" }),
          execution({ quantity: -200, price: 6, time: "2025-05-05T15:00:00Z" }),
        ],
        corporateActions: [corporateAction({ type: "FS", quantity: 100, time: "2025-05-02T00:25:00Z" })],
      }),
    );
    expect(book.trades).toHaveLength(1);
    const t = book.trades[0]!;
    expect(str(t.realizedPnl)).toBe("200"); // −1000 + 1200
    expect(str(t.quantity)).toBe("200"); // largest position, in the shares of the moment
    expect(str(t.returnPct)).toBe("20"); // 200 / 1000: the split adds no opening value
    expect(t.legs.map((l) => l.synthetic)).toEqual([null, "FS", null]);
    expect(book.unmatched).toEqual([]);
  });

  it("a reverse split with an old and a new conid carries the open trade to the new conid", () => {
    const at = "2013-06-18T00:25:00Z";
    const book = buildTrades(
      flexData({
        executions: [
          execution({
            conid: "80845553",
            symbol: "GCM",
            quantity: 12000,
            price: "0.10",
            time: "2013-06-03T15:00:00Z",
          }),
          execution({
            conid: "129258970",
            symbol: "GCM",
            quantity: -480,
            price: "2.6",
            time: "2013-06-20T15:00:00Z",
          }),
        ],
        corporateActions: [
          corporateAction({
            type: "RS",
            conid: "129258970",
            symbol: "GCM",
            quantity: 480,
            time: at,
            description: "GCM(CA38501D2041) SPLIT 1 FOR 25 (GCM, GRAN COLOMBIA GOLD CORP, CA38501D5010)",
          }),
          corporateAction({
            type: "RS",
            conid: "80845553",
            symbol: "GCM.OLD",
            quantity: -12000,
            time: at,
            description: "GCM(CA38501D2041) SPLIT 1 FOR 25 (GCM.OLD, GRAN COLOMBIA GOLD CORP, CA38501D2041)",
          }),
        ],
      }),
    );
    expect(book.trades).toHaveLength(1);
    const t = book.trades[0]!;
    expect(t.conid).toBe("80845553"); // from the opening execution
    expect(str(t.realizedPnl)).toBe("48"); // −1200 + 1248
    expect(str(t.quantity)).toBe("12000");
    expect(str(t.returnPct)).toBe("4");
    expect(book.openPositions).toEqual([]);
    expect(book.unmatched).toEqual([]);
  });

  it("a split of a position no trade holds makes it pre-window (rule 11 path)", () => {
    const book = buildTrades(
      flexData({
        executions: [
          execution({ quantity: -100, price: 5, transactionId: "9", time: "2025-05-05T15:00:00Z" }),
        ],
        corporateActions: [corporateAction({ type: "FS", quantity: 100, time: "2025-05-02T00:25:00Z" })],
      }),
    );
    expect(book.trades).toEqual([]);
    expect(book.unmatched).toMatchObject([{ reason: "opened-before-window", executionId: "9" }]);
    expect(str(book.unmatched[0]!.quantity)).toBe("-100");
  });

  it("applies a split repeated by overlapping statements once", () => {
    const split = () =>
      corporateAction({ type: "FS", quantity: 100, time: "2025-05-02T00:25:00Z", actionId: "77" });
    const book = buildTrades(
      flexData({
        executions: [
          execution({ quantity: 100, price: 10, time: "2025-05-01T15:00:00Z" }),
          execution({ quantity: -200, price: 6, time: "2025-05-05T15:00:00Z" }),
        ],
        corporateActions: [split(), split()],
      }),
    );
    expect(book.trades).toHaveLength(1);
    expect(book.openPositions).toEqual([]);
  });
});
