import { useState } from "react";
import { useStats } from "../api/queries.ts";
import type { GroupStats, Stats } from "../api/types.ts";
import { BarList } from "../components/bar-list.tsx";
import { ErrorNotice, Loading, PageTitle } from "../components/ui.tsx";
import { formatMoney, formatPercent } from "../lib/format.ts";

type Dimension = "bySymbol" | "byAssetClass" | "bySide" | "byWeekday" | "byHour" | "byHoldingTime";
type Metric = "netPnlBase" | "winRate" | "avgReturnPct" | "avgPnlBase";

const DIMENSIONS: readonly { key: Dimension; label: string; note?: string }[] = [
  { key: "bySymbol", label: "Symbol" },
  { key: "byAssetClass", label: "Asset class" },
  { key: "bySide", label: "Long / short" },
  { key: "byWeekday", label: "Weekday", note: "by the day the trade was opened, New York time" },
  { key: "byHour", label: "Hour", note: "by the hour the trade was opened, New York (exchange) time" },
  { key: "byHoldingTime", label: "Holding time" },
];

const METRICS: readonly { key: Metric; label: string }[] = [
  { key: "netPnlBase", label: "Net P&L" },
  { key: "avgPnlBase", label: "Average P&L" },
  { key: "winRate", label: "Win rate" },
  { key: "avgReturnPct", label: "Average return" },
];

function groupsOf(stats: Stats, dimension: Dimension): GroupStats[] {
  const groups = stats[dimension];
  // Empty weekday/hour slots carry no information; keep the ones with trades.
  return groups.filter((g) => String(g.trades) !== "0");
}

export function BreakdownsPage() {
  // Every symbol row: the dashboard's light answer carries only the 50 busiest.
  const stats = useStats({}, "symbols");
  const [dimension, setDimension] = useState<Dimension>("bySymbol");
  const [metric, setMetric] = useState<Metric>("netPnlBase");

  if (stats.isPending) return <Loading />;
  if (stats.isError) return <ErrorNotice error={stats.error} retry={() => stats.refetch()} />;
  const currency = stats.data.summary.baseCurrency;
  const groups = groupsOf(stats.data.stats, dimension);
  const dim = DIMENSIONS.find((d) => d.key === dimension)!;
  const met = METRICS.find((m) => m.key === metric)!;
  const format = (v: string | null) =>
    metric === "winRate"
      ? formatPercent(v)
      : metric === "avgReturnPct"
        ? formatPercent(v, { signed: true })
        : formatMoney(v, currency, { signed: true });

  return (
    <div>
      <PageTitle title="Breakdowns">Breakdowns</PageTitle>
      <div className="card">
        <fieldset className="plain">
          <legend className="visually-hidden">Break down by</legend>
          <div className="row" style={{ marginBottom: "0.75rem" }}>
            <span className="seg">
              {DIMENSIONS.map((d) => (
                <button
                  key={d.key}
                  type="button"
                  aria-pressed={d.key === dimension}
                  onClick={() => setDimension(d.key)}
                >
                  {d.label}
                </button>
              ))}
            </span>
          </div>
        </fieldset>
        <fieldset className="plain">
          <legend className="visually-hidden">Show</legend>
          <div className="row">
            <span className="seg">
              {METRICS.map((m) => (
                <button
                  key={m.key}
                  type="button"
                  aria-pressed={m.key === metric}
                  onClick={() => setMetric(m.key)}
                >
                  {m.label}
                </button>
              ))}
            </span>
          </div>
        </fieldset>
      </div>
      <section className="card" aria-labelledby="breakdown-title">
        <div className="card-header">
          <h2 id="breakdown-title">
            {met.label} by {dim.label.toLowerCase()}
          </h2>
          <span className="muted small">{dim.note ?? "the number after each name is its trade count"}</span>
        </div>
        {groups.length === 0 ? (
          <p className="empty">No closed trades yet.</p>
        ) : (
          <BarList
            groups={groups}
            value={(g) => g[metric]}
            format={format}
            caption={`${met.label} by ${dim.label.toLowerCase()}`}
          />
        )}
      </section>
    </div>
  );
}
