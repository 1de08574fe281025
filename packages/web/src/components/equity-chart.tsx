// Equity curve (running P&L after each closed trade) with the drawdown below zero, drawn by uPlot.
// The API's decimal strings become floats here only to place pixels; every number a reader sees in text
// comes formatted from the strings.
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { EquityPoint } from "../api/types.ts";
import { formatMoney } from "../lib/format.ts";
import { cssVar, useEffectiveTheme } from "../lib/theme.tsx";

export function EquityChart({
  points,
  currency,
  label,
}: {
  points: readonly EquityPoint[];
  currency: string | null;
  label: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const theme = useEffectiveTheme();

  // biome-ignore lint/correctness/useExhaustiveDependencies: colours are read from CSS variables, which change with the theme
  useEffect(() => {
    const el = box.current;
    if (!el || points.length === 0) return;
    const xs = points.map((p) => Date.parse(p.time) / 1000);
    const equity = points.map((p) => Number(p.cumulativePnlBase));
    const drawdown = points.map((p) => -Number(p.drawdownBase));
    const accent = cssVar("--accent");
    const neg = cssVar("--neg");
    const muted = cssVar("--muted");
    const grid = cssVar("--border");
    const money = (v: number) =>
      formatMoney(String(Math.round(v)), currency, { signed: false }).replace(/\.00$/, "");
    const axis = { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const plot = new uPlot(
      {
        width: el.clientWidth,
        height: el.clientWidth < 500 ? 220 : 300,
        cursor: { drag: { x: false, y: false } },
        legend: { show: true, live: true },
        scales: { x: { time: true } },
        axes: [axis, { ...axis, size: 70, values: (_u, splits) => splits.map(money) }],
        series: [
          {},
          {
            label: "Cumulative P&L",
            stroke: accent,
            width: 2,
            value: (_u, v) => (v === null ? "—" : money(v)),
          },
          {
            label: "Drawdown",
            stroke: neg,
            fill: `${neg}33`,
            width: 1,
            value: (_u, v) => (v === null ? "—" : money(v)),
          },
        ],
      },
      [xs, equity, drawdown],
      el,
    );
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: el.clientWidth, height: el.clientWidth < 500 ? 220 : 300 }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [points, currency, theme]);

  if (points.length === 0) return <p className="empty">No closed trades yet.</p>;
  return <div ref={box} className="chart" role="img" aria-label={label} />;
}
