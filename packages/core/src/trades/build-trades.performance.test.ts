// The builder is linear after one sort: 4× the executions must cost about 4× the time, never 16× (ADR 0003).
import { expect, it } from "vitest";
import { Decimal } from "../money.ts";
import { execution, flexData } from "../test-support/flex-data-builder.ts";
import type { Execution } from "../types.ts";
import { buildTrades } from "./index.ts";

/** n executions over 500 instruments, alternating buys and sells of 100: n / 2 round trips. */
function history(n: number): Execution[] {
  const template = execution({ quantity: 0, price: 0, commission: "-1.05", fxRateToBase: "1.1" });
  const buy = new Decimal(100);
  const sell = new Decimal(-100);
  const prices = Array.from({ length: 37 }, (_, i) => new Decimal(100 + i).div(4));
  const fifo = [new Decimal(0), new Decimal("12.5")];
  const start = Date.UTC(2024, 0, 2, 14, 30);
  const out: Execution[] = [];
  for (let i = 0; i < n; i++) {
    const conid = String(i % 500);
    const round = Math.floor(i / 500) % 2;
    const timeMs = start + i * 1000;
    out.push({
      ...template,
      conid,
      symbol: `S${conid}`,
      quantity: round === 0 ? buy : sell,
      price: prices[i % 37]!,
      fifoPnlRealized: fifo[round]!,
      time: `${new Date(timeMs).toISOString().slice(0, 19)}Z`,
      timeMs,
      transactionId: String(10_000_000_000 + i),
      fileOrder: i,
      rawKey: String(i),
    });
  }
  return out;
}

function bestOf(runs: number, data: ReturnType<typeof flexData>): number {
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    buildTrades(data);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

it("scales linearly: 40k executions cost about 4× 10k", () => {
  const small = flexData({ executions: history(10_000) });
  const large = flexData({ executions: history(40_000) });
  expect(buildTrades(large).trades).toHaveLength(20_000);
  const ratio = bestOf(2, large) / bestOf(2, small);
  expect(ratio).toBeLessThan(10);
});
