// Daily P&L heat map, one small month grid per month (newest first). Cell colour strength follows the
// day's P&L relative to the largest day shown; the amount itself is in the cell's accessible name.
import { useMemo, useState } from "react";
import type { CalendarDay } from "../api/types.ts";
import { formatCalendarDate, formatCount, formatMoney, signOf } from "../lib/format.ts";
import { useEffectiveTheme } from "../lib/theme.tsx";

const DOW = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

interface Month {
  key: string;
  days: Map<number, CalendarDay>;
  total: CalendarDay | undefined;
}

function monthLabel(key: string): string {
  return new Intl.DateTimeFormat(undefined, { month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${key}-01T00:00:00Z`),
  );
}

/** Monday-first column (0–6) of the month's first day, and the month's length. */
function monthShape(key: string): { offset: number; length: number } {
  const [y, m] = key.split("-").map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 1, 1)).getUTCDay();
  const length = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { offset: (first + 6) % 7, length };
}

export function PnlCalendar({
  daily,
  monthly,
  currency,
  selected,
  onSelect,
}: {
  daily: readonly CalendarDay[];
  monthly: readonly CalendarDay[];
  currency: string | null;
  selected: string | null;
  onSelect: (date: string | null) => void;
}) {
  const theme = useEffectiveTheme();
  const [showAll, setShowAll] = useState(false);
  const months = useMemo(() => {
    const byMonth = new Map<string, Month>();
    for (const day of daily) {
      const key = day.date.slice(0, 7);
      let month = byMonth.get(key);
      if (!month) {
        month = { key, days: new Map(), total: monthly.find((m) => m.date === key) };
        byMonth.set(key, month);
      }
      month.days.set(Number(day.date.slice(8, 10)), day);
    }
    return [...byMonth.values()].sort((a, b) => (a.key < b.key ? 1 : -1));
  }, [daily, monthly]);
  const scale = useMemo(() => Math.max(1e-9, ...daily.map((d) => Math.abs(Number(d.netPnlBase)))), [daily]);
  const shown = showAll ? months : months.slice(0, 6);

  if (daily.length === 0) return <p className="empty">No closed trades yet.</p>;

  return (
    <div>
      <div className="cal-months">
        {shown.map((month) => {
          const { offset, length } = monthShape(month.key);
          return (
            <section key={month.key} className="cal-month" aria-label={monthLabel(month.key)}>
              <h3>
                <span>{monthLabel(month.key)}</span>
                {month.total && (
                  <span className={`num ${signOf(month.total.netPnlBase) === "negative" ? "neg" : "pos"}`}>
                    {formatMoney(month.total.netPnlBase, currency, { signed: true })}
                  </span>
                )}
              </h3>
              <div className="cal-grid">
                {DOW.map((d) => (
                  <span key={d} className="dow" aria-hidden="true">
                    {d}
                  </span>
                ))}
                {DOW.slice(0, offset).map((d) => (
                  <span key={`blank-${d}`} className="cal-day blank" aria-hidden="true" />
                ))}
                {Array.from({ length }, (_, i) => {
                  const dayNumber = i + 1;
                  const day = month.days.get(dayNumber);
                  if (!day) {
                    return (
                      <span key={dayNumber} className="cal-day" aria-hidden="true">
                        {dayNumber}
                      </span>
                    );
                  }
                  const sign = signOf(day.netPnlBase);
                  const strength = Math.min(1, Math.abs(Number(day.netPnlBase)) / scale);
                  // Caps keep the day number readable (WCAG AA) on the strongest colour in either theme.
                  const alpha = theme === "dark" ? 0.12 + strength * 0.33 : 0.18 + strength * 0.5;
                  const rgb = sign === "negative" ? "var(--heat-neg)" : "var(--heat-pos)";
                  const amount = formatMoney(day.netPnlBase, currency, { signed: true });
                  return (
                    <button
                      key={dayNumber}
                      type="button"
                      className="cal-day"
                      style={{
                        background: sign === "zero" ? undefined : `rgba(${rgb}, ${alpha.toFixed(2)})`,
                      }}
                      aria-pressed={selected === day.date}
                      aria-label={`${formatCalendarDate(day.date)}: ${amount}, ${formatCount(day.trades)} trades`}
                      title={`${amount} · ${formatCount(day.trades)} trades`}
                      onClick={() => onSelect(selected === day.date ? null : day.date)}
                    >
                      {dayNumber}
                    </button>
                  );
                })}
              </div>
            </section>
          );
        })}
      </div>
      {months.length > 6 && (
        <button
          type="button"
          className="btn small"
          onClick={() => setShowAll((v) => !v)}
          style={{ marginTop: "0.75rem" }}
        >
          {showAll ? "Show the last 6 months" : `Show all ${months.length} months`}
        </button>
      )}
    </div>
  );
}
