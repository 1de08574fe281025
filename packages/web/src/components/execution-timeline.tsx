// The trade's executions on one time axis, in exchange (New York) time; hovering or focusing a dot shows
// the execution and its UTC time. Positions are pixels only.
import type { Execution } from "../api/types.ts";
import { executionAction, formatDecimal, formatExchangeTime, formatUtc } from "../lib/format.ts";

export function ExecutionTimeline({ executions }: { executions: readonly Execution[] }) {
  if (executions.length === 0) return null;
  const times = executions.map((e) => Date.parse(e.time));
  const start = Math.min(...times);
  const end = Math.max(...times);
  const span = Math.max(1, end - start);
  const sameDay =
    formatExchangeTime(executions[0]!.time, { dateOnly: true }) ===
    formatExchangeTime(executions[executions.length - 1]!.time, { dateOnly: true });
  const tick = (iso: string) =>
    sameDay ? formatExchangeTime(iso, { timeOnly: true }) : formatExchangeTime(iso);
  const first = executions[times.indexOf(start)]!;
  const last = executions[times.indexOf(end)]!;

  return (
    <figure style={{ margin: 0 }}>
      <div className="timeline">
        <div className="axis" />
        {executions.map((e, i) => {
          const action = executionAction(e);
          const buy = action === "Buy";
          const left = `${(((times[i] ?? start) - start) / span) * 92 + 4}%`;
          const qty = formatDecimal(e.quantity.replace(/^-/, ""));
          const what =
            action === "Buy" || action === "Sell"
              ? `${action} ${qty} @ ${formatDecimal(e.price)}`
              : `${action}: ${qty}`;
          const text = `${what} — ${formatExchangeTime(e.time)} (${formatUtc(e.time)})`;
          return (
            <span
              key={e.id}
              className={`exec ${buy ? "buy" : action === "Sell" ? "sell" : "event"}`}
              style={{ left }}
              title={text}
              role="img"
              aria-label={text}
            >
              {action === "Buy" ? "B" : action === "Sell" ? "S" : action[0]}
            </span>
          );
        })}
        {/* The end labels align to the axis ends, not centre on them, so a long label is never cut off. */}
        <span className="tick first">{tick(first.time)}</span>
        {end !== start && <span className={`tick last${sameDay ? "" : " stagger"}`}>{tick(last.time)}</span>}
      </div>
      <figcaption className="muted small">
        Exchange time (New York){sameDay ? `, ${formatExchangeTime(first.time, { dateOnly: true })}` : ""}. B
        = buy, S = sell, E = expired, A = assigned; hover a dot for details and UTC.
      </figcaption>
    </figure>
  );
}
