// The dashboard's R figures (docs/metrics.md "R") as Stat cards, over the trades that have a planned risk;
// nothing at all when none has one, so a trader who plans no risk sees no empty R.
import type { RStats } from "../api/tag-stats.ts";
import { formatCountOf, formatR } from "../lib/format.ts";
import { Stat } from "./ui.tsx";

export function RStatCards({ r, trades }: { r: RStats; trades: string }) {
  if (r.trades === "0") return null;
  const over =
    r.trades === trades
      ? `over ${formatCountOf(r.trades, "trade", "trades")}`
      : `over the ${formatCountOf(r.trades, "trade", "trades")} with a planned risk`;
  return (
    <>
      <Stat label="Average R" testId="stat-average-r" sub={`${over} · total ${formatR(r.totalR)}`}>
        <span className="num">{formatR(r.averageR)}</span>
      </Stat>
      <Stat
        label="Expectancy (R)"
        testId="stat-expectancy-r"
        sub={`average win ${formatR(r.avgWinR)} · average loss ${formatR(r.avgLossR)}`}
      >
        <span className="num">{formatR(r.expectancyR)}</span>
      </Stat>
    </>
  );
}
