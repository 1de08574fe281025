import { describe, expect, it } from "vitest";
import { execution, flexData, str } from "../test-support/flex-data-builder.ts";
import { buildTrades } from "./index.ts";

describe("buildTrades: short round trip", () => {
  it("sell 50 @ 20, buy back @ 18: flows +999, −901", () => {
    const book = buildTrades(
      flexData({
        executions: [
          execution({ quantity: -50, price: 20, commission: -1 }),
          execution({ quantity: 50, price: 18, commission: -1 }),
        ],
      }),
    );
    const t = book.trades[0]!;
    expect(t.side).toBe("short");
    expect(str(t.quantity)).toBe("50");
    expect(str(t.realizedPnl)).toBe("98");
    expect(str(t.returnPct)).toBe("9.8"); // 98 / 1000
  });
});
