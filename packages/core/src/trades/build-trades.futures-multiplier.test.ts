import { describe, expect, it } from "vitest";
import { execution, flexData, security, str } from "../test-support/flex-data-builder.ts";
import { buildTrades } from "./index.ts";

const es = { conid: "495512563", symbol: "ESZ5", assetClass: "FUT" } as const;

describe("buildTrades: futures multiplier (rule 4)", () => {
  const legs = (multiplier: number | null) => [
    execution({ ...es, multiplier, quantity: 1, price: 5000, commission: "-2.25" }),
    execution({ ...es, multiplier, quantity: -1, price: "5010.25", commission: "-2.25" }),
  ];

  it("uses the row's multiplier: −250002.25 + 250510.25", () => {
    const t = buildTrades(flexData({ executions: legs(50) })).trades[0]!;
    expect(str(t.realizedPnl)).toBe("508");
    expect(str(t.returnPct)).toBe("0.2032"); // 508 / 250000
  });

  it("falls back to SecuritiesInfo by conid, then by symbol, then 1", () => {
    const byConid = buildTrades(
      flexData({ executions: legs(null), securities: [security({ ...es, multiplier: 50 })] }),
    );
    expect(str(byConid.trades[0]!.realizedPnl)).toBe("508");
    const bySymbol = buildTrades(
      flexData({ executions: legs(null), securities: [security({ ...es, conid: "other", multiplier: 50 })] }),
    );
    expect(str(bySymbol.trades[0]!.realizedPnl)).toBe("508");
    const none = buildTrades(flexData({ executions: legs(null) }));
    expect(str(none.trades[0]!.realizedPnl)).toBe("5.75"); // 10.25 − 4.5
  });
});
