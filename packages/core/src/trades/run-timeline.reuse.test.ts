// The passes after preparation cache per-instrument state on the prepared rows' Instrument objects
// (prepare-executions.ts). A second pass over the same rows must not see the first one's state.
import { generateStatement } from "@closeout/flex-sim";
import { expect, test } from "vitest";
import { parseFlex } from "../flex/index.ts";
import { createCommissionConverter } from "./create-commission-converter.ts";
import { prepareExecutions } from "./prepare-executions.ts";
import { createMultiplierResolver } from "./resolve-multiplier.ts";
import { runTimeline } from "./run-timeline.ts";
import { startPositions } from "./start-positions.ts";

test("start positions and the time line give the same result when run twice over the same prepared rows", () => {
  const data = parseFlex(
    generateStatement({
      seed: 11,
      accounts: 2,
      executions: 2_000,
      fromDate: "2025-01-02",
      toDate: "2025-06-30",
    }),
  );
  const { executions } = prepareExecutions(data, createMultiplierResolver(data.securities));
  const run = () => {
    const starts = startPositions(data, executions);
    const result = runTimeline(executions, {
      starts,
      convertCommission: createCommissionConverter(data.conversionRates),
      deliveries: new Map(),
      cashSettlements: new Map(),
    });
    return {
      starts,
      trades: result.trades,
      unmatched: result.unmatched,
      holdings: [...result.holdings.values()],
    };
  };
  const first = run();
  const second = run();
  expect(first.trades.length).toBeGreaterThan(100);
  expect(second.holdings.every((h, i) => h !== first.holdings[i])).toBe(true);
  expect(second).toEqual(first);
});
