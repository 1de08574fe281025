// Equity curve (cumulative P&L at each point the API gives, one per New York trading day) and, in its own panel
// below with its own axis, the drawdown from the running peak: two charts sharing the time axis and cursor,
// so the drawdown cannot read as a second equity line. Drawn by uPlot; the API's decimal strings become floats
// only to place pixels. Axis labels keep their minus sign and the axis grows to fit the widest label; times
// are New York (exchange) time like the calendar and the trades.
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { EquityPoint } from "../api/types.ts";
import { EXCHANGE_TIME_ZONE, formatExchangeTime, formatMoney } from "../lib/format.ts";
import { cssVar, useEffectiveTheme } from "../lib/theme.tsx";

const compactCache = new Map<string, Intl.NumberFormat>();
/** "-$120K", "$5.2K", "-€800": short labels for an axis, sign always shown on losses. */
export function axisMoney(value: number, currency: string | null): string {
  const key = currency ?? "";
  let format = compactCache.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(undefined, {
      notation: "compact",
      maximumFractionDigits: 1,
      ...(currency && /^[A-Z]{3}$/.test(currency) ? { style: "currency", currency } : {}),
    });
    compactCache.set(key, format);
  }
  // -0 would print as "-$0".
  return format.format(value === 0 ? 0 : value);
}

const AXIS_FONT = "12px system-ui, -apple-system, sans-serif";

/** Width in CSS pixels an axis needs for its labels (uPlot clips what does not fit, minus sign first). */
function axisSize(self: uPlot, values: string[] | null): number {
  const ctx = self.ctx;
  ctx.save();
  ctx.font = AXIS_FONT;
  const widest = Math.max(0, ...(values ?? []).map((v) => ctx.measureText(v).width));
  ctx.restore();
  // Tick length and gap, plus room to breathe.
  return Math.ceil(widest) + 24;
}

export function EquityChart({
  points,
  currency,
  label,
}: {
  points: readonly EquityPoint[];
  currency: string | null;
  label: string;
}) {
  const equityBox = useRef<HTMLDivElement>(null);
  const drawdownBox = useRef<HTMLDivElement>(null);
  const theme = useEffectiveTheme();

  // biome-ignore lint/correctness/useExhaustiveDependencies: colours are read from CSS variables, which change with the theme
  useEffect(() => {
    const top = equityBox.current;
    const bottom = drawdownBox.current;
    if (!top || !bottom || points.length === 0) return;
    const xs = points.map((p) => Date.parse(p.time) / 1000);
    const equity = points.map((p) => Number(p.cumulativePnlBase));
    const drawdown = points.map((p) => -Number(p.drawdownBase));
    const accent = cssVar("--accent");
    const neg = cssVar("--neg");
    const muted = cssVar("--muted");
    const grid = cssVar("--border");
    const exact = (v: number | null) =>
      v === null ? "—" : formatMoney(String(Math.round(v)), currency).replace(/\.00$/, "");
    const axis = {
      font: AXIS_FONT,
      stroke: muted,
      grid: { stroke: grid, width: 1 },
      ticks: { stroke: grid, width: 1 },
    };
    const yAxis = (testId: string): uPlot.Axis => ({
      ...axis,
      size: (self, values) => axisSize(self, values),
      values: (_u, splits) => {
        const labels = splits.map((v) => axisMoney(v, currency));
        // The labels drawn on the canvas, for assistive checks and the browser tests.
        (testId === "equity" ? top : bottom).dataset.yLabels = labels.join("|");
        return labels;
      },
    });
    const day = (_u: uPlot, v: number | null) =>
      v === null ? "—" : formatExchangeTime(new Date(v * 1000).toISOString(), { dateOnly: true });
    const common = {
      cursor: { drag: { x: false, y: false }, sync: { key: "closeout-equity" } },
      legend: { show: true, live: true },
      scales: { x: { time: true } },
      tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1000), EXCHANGE_TIME_ZONE),
    } satisfies Partial<uPlot.Options>;
    const heights = () => {
      const phone = top.clientWidth < 500;
      return { equity: phone ? 200 : 260, drawdown: phone ? 110 : 130 };
    };
    const equityPlot = new uPlot(
      {
        ...common,
        width: top.clientWidth,
        height: heights().equity,
        axes: [axis, yAxis("equity")],
        series: [
          { label: "Day (New York)", value: day },
          { label: "Cumulative P&L", stroke: accent, width: 2, value: (_u, v) => exact(v) },
        ],
      },
      [xs, equity],
      top,
    );
    const drawdownPlot = new uPlot(
      {
        ...common,
        width: bottom.clientWidth,
        height: heights().drawdown,
        axes: [axis, yAxis("drawdown")],
        scales: { x: { time: true }, y: { range: (_u, min) => [Math.min(min, -1), 0] } },
        series: [
          { label: "Day (New York)", value: day },
          { label: "Drawdown", stroke: neg, fill: `${neg}33`, width: 1, value: (_u, v) => exact(v) },
        ],
      },
      [xs, drawdown],
      bottom,
    );
    const resize = new ResizeObserver(() => {
      const h = heights();
      equityPlot.setSize({ width: top.clientWidth, height: h.equity });
      drawdownPlot.setSize({ width: bottom.clientWidth, height: h.drawdown });
    });
    resize.observe(top);
    return () => {
      resize.disconnect();
      equityPlot.destroy();
      drawdownPlot.destroy();
    };
  }, [points, currency, theme]);

  if (points.length === 0) return <p className="empty">No closed trades yet.</p>;
  return (
    <div role="img" aria-label={label}>
      <div ref={equityBox} className="chart" data-testid="equity-chart" />
      <p className="muted small chart-panel-title" aria-hidden="true">
        Drawdown from the running peak
      </p>
      <div ref={drawdownBox} className="chart drawdown" data-testid="drawdown-chart" />
    </div>
  );
}
