// The account's NAV at every close, with the days of deposits (▲) and withdrawals (▼) marked on the curve,
// drawn by uPlot. Floats only place pixels; every number a reader sees in text comes from the API's strings.
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { AccountReturns } from "../api/types.ts";
import { formatMoney } from "../lib/format.ts";
import { cssVar, useEffectiveTheme } from "../lib/theme.tsx";

type NavDay = AccountReturns["navSeries"][number];

export function NavChart({
  days,
  currency,
  label,
}: {
  days: readonly NavDay[];
  currency: string | null;
  label: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const theme = useEffectiveTheme();

  // biome-ignore lint/correctness/useExhaustiveDependencies: colours are read from CSS variables, which change with the theme
  useEffect(() => {
    const el = box.current;
    if (!el || days.length === 0) return;
    const xs = days.map((d) => Date.parse(`${d.date}T00:00:00Z`) / 1000);
    const nav = days.map((d) => Number(d.nav));
    const sign = (d: NavDay) => Math.sign(Number(d.flow));
    const deposits = days.map((d, i) => (sign(d) > 0 ? (nav[i] ?? null) : null));
    const withdrawals = days.map((d, i) => (sign(d) < 0 ? (nav[i] ?? null) : null));
    const accent = cssVar("--accent");
    const pos = cssVar("--pos");
    const neg = cssVar("--neg");
    const muted = cssVar("--muted");
    const grid = cssVar("--border");
    const money = (v: number) => formatMoney(String(Math.round(v)), currency).replace(/\.00$/, "");
    const axis = { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const marker = (label: string, stroke: string) => ({
      label,
      stroke,
      width: 0,
      points: { show: true, size: 9, stroke, fill: stroke },
      value: (_u: uPlot, v: number | null) => (v === null ? "—" : money(v)),
    });
    const height = () => (el.clientWidth < 500 ? 220 : 300);
    const plot = new uPlot(
      {
        width: el.clientWidth,
        height: height(),
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true } },
        axes: [axis, { ...axis, size: 80, values: (_u, splits) => splits.map(money) }],
        series: [
          {},
          { label: "NAV", stroke: accent, width: 2, value: (_u, v) => (v === null ? "—" : money(v)) },
          marker("Deposit", pos),
          marker("Withdrawal", neg),
        ],
      },
      [xs, nav, deposits, withdrawals],
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: el.clientWidth, height: height() }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [days, currency, theme]);

  if (days.length === 0) return <p className="empty">No NAV days yet.</p>;
  return <div ref={box} className="chart" role="img" aria-label={label} data-testid="nav-chart" />;
}
