// Trades + all statistics for 100k executions (target < 0.5 s), as a ratio to a baseline pass that only
// sums every execution's cash flow with the same decimal type — the least any correct builder must do.
import { buildTrades, computeStats, computeSummary, Decimal, listAccounts, parseFlex } from "@closeout/core";
import { generateStatement } from "@closeout/flex-sim";

function best(run: () => unknown, times = 5): number {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    run();
    min = Math.min(min, performance.now() - started);
  }
  return min / 1000;
}

export async function benchTradesAndStats(): Promise<void> {
  const xml = generateStatement({
    seed: 7,
    accounts: 2,
    executions: 100_000,
    fromDate: "2025-01-02",
    toDate: "2025-12-31",
  });
  const data = parseFlex(xml);
  const accounts = listAccounts(data);
  const baseline = best(() => {
    let total = new Decimal(0);
    for (const e of data.executions)
      total = total.plus(e.quantity.times(e.price).negated().plus(e.commission));
    return total;
  });
  let trades = 0;
  const full = best(() => {
    const book = buildTrades(data);
    trades = book.trades.length;
    computeSummary(book.trades, accounts);
    computeStats(book.trades, { timeZone: "America/New_York" });
  });
  console.log(`${data.executions.length} executions → ${trades} closed trades`);
  console.log(`baseline (Σ cash flows): ${(baseline * 1000).toFixed(0)} ms`);
  console.log(`trades + summary + statistics: ${(full * 1000).toFixed(0)} ms (target < 500 ms)`);
  console.log(`ratio to baseline: ${(full / baseline).toFixed(2)}×`);

  // Linearity (ADR 0003: one sort, then one pass): a quarter of the same history should cost about a quarter.
  const quarter = parseFlex(
    generateStatement({
      seed: 7,
      accounts: 2,
      executions: 25_000,
      fromDate: "2025-01-02",
      toDate: "2025-12-31",
    }),
  );
  const buildQuarter = best(() => buildTrades(quarter));
  const buildFull = best(() => buildTrades(data));
  console.log(
    `buildTrades scaling: ${quarter.executions.length} → ${data.executions.length} executions costs ${(buildFull / buildQuarter).toFixed(2)}× the time (linear ≈ ${(data.executions.length / quarter.executions.length).toFixed(1)}×)`,
  );
}
