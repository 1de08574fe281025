// Daily P&L calendar, one month grid per month (newest first), a week total at the end of each row. A day with
// P&L is a solid cell in the gain or loss colour (at least 3:1 against an empty day in both themes) carrying
// its sign and, where the cell is wide enough, its amount: sign and text, not hue alone. The grid is one tab
// stop; arrow keys move between trading days (roving tabindex). The picked day's trades (`detail`) show right
// after its month, where the reader is looking, rather than below every month.
import { type KeyboardEvent, type ReactNode, useMemo, useRef, useState } from "react";
import type { CalendarDay } from "../api/types.ts";
import { formatCalendarDate, formatCompactMoney, formatCount, formatMoney, signOf } from "../lib/format.ts";

const DOW = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];
const MONTHS_SHOWN = 6;

export interface CalendarWeek {
  month: string;
  weekStart: string;
  trades: string;
  netPnlBase: string;
}

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

function utcDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function shift(date: string, days: number): string {
  const d = utcDate(date);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDay(d);
}

/** The month's rows: each a Monday date and seven day numbers (null outside the month). */
function monthRows(key: string): { weekStart: string; days: (number | null)[] }[] {
  const first = utcDate(`${key}-01`);
  const offset = (first.getUTCDay() + 6) % 7;
  const [y, m] = key.split("-").map(Number) as [number, number];
  const length = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const rows: { weekStart: string; days: (number | null)[] }[] = [];
  let weekStart = shift(`${key}-01`, -offset);
  for (let start = 1 - offset; start <= length; start += 7) {
    rows.push({
      weekStart,
      days: Array.from({ length: 7 }, (_, i) => (start + i >= 1 && start + i <= length ? start + i : null)),
    });
    weekStart = shift(weekStart, 7);
  }
  return rows;
}

function tone(value: string): "pos" | "neg" | "zero" {
  const sign = signOf(value);
  return sign === "negative" ? "neg" : sign === "positive" ? "pos" : "zero";
}

const GLYPH = { pos: "+", neg: "−", zero: "0" } as const;

export function PnlCalendar({
  daily,
  monthly,
  weekly = [],
  currency,
  selected,
  onSelect,
  detail,
}: {
  daily: readonly CalendarDay[];
  monthly: readonly CalendarDay[];
  weekly?: readonly CalendarWeek[];
  currency: string | null;
  selected: string | null;
  onSelect: (date: string | null) => void;
  /** Shown after the selected day's month. */
  detail?: ReactNode;
}) {
  const [showAll, setShowAll] = useState(false);
  const [focused, setFocused] = useState<string | null>(null);
  const grid = useRef<HTMLFieldSetElement>(null);
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
  const weeks = useMemo(() => new Map(weekly.map((w) => [`${w.month}|${w.weekStart}`, w])), [weekly]);
  const shown = showAll ? months : months.slice(0, MONTHS_SHOWN);
  // Trading days on screen, in date order: where the arrow keys go.
  const dates = useMemo(() => {
    const keys = new Set(shown.map((m) => m.key));
    return daily.filter((d) => keys.has(d.date.slice(0, 7))).map((d) => d.date);
  }, [daily, shown]);

  if (daily.length === 0) return <p className="empty">No closed trades yet.</p>;

  const tabStop =
    (focused && dates.includes(focused) ? focused : null) ??
    (selected && dates.includes(selected) ? selected : null) ??
    dates.at(-1) ??
    null;

  const moveTo = (date: string | undefined) => {
    if (!date) return;
    setFocused(date);
    grid.current?.querySelector<HTMLButtonElement>(`[data-date="${date}"]`)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLFieldSetElement>) => {
    const from = (event.target as HTMLElement).dataset.date;
    if (!from) return;
    const at = dates.indexOf(from);
    const firstOnOrAfter = (d: string) => dates.find((x) => x >= d);
    const lastOnOrBefore = (d: string) => dates.findLast((x) => x <= d);
    let target: string | undefined;
    switch (event.key) {
      case "ArrowRight":
        target = dates[at + 1];
        break;
      case "ArrowLeft":
        target = dates[at - 1];
        break;
      case "ArrowDown":
        target = firstOnOrAfter(shift(from, 7));
        break;
      case "ArrowUp":
        target = lastOnOrBefore(shift(from, -7));
        break;
      case "Home":
        target = dates[0];
        break;
      case "End":
        target = dates.at(-1);
        break;
      default:
        return;
    }
    event.preventDefault();
    moveTo(target);
  };

  return (
    <div>
      <p className="muted small cal-help" id="cal-help">
        Arrow keys move between trading days; Enter shows a day's trades. + gain, − loss.
      </p>
      {/* The arrow keys of the day buttons inside (roving tabindex) are handled once, here. */}
      <fieldset className="cal-months plain" ref={grid} onKeyDown={onKeyDown} aria-describedby="cal-help">
        <legend className="visually-hidden">Daily P&L by day</legend>
        {shown.map((month) => (
          <MonthGrid
            key={month.key}
            month={month}
            weeks={weeks}
            currency={currency}
            selected={selected}
            tabStop={tabStop}
            onFocusDay={setFocused}
            onSelect={onSelect}
            detail={selected?.startsWith(month.key) ? detail : undefined}
          />
        ))}
      </fieldset>
      {months.length > MONTHS_SHOWN && (
        <button
          type="button"
          className="btn small"
          onClick={() => setShowAll((v) => !v)}
          style={{ marginTop: "0.75rem" }}
        >
          {showAll ? `Show the last ${MONTHS_SHOWN} months` : `Show all ${months.length} months`}
        </button>
      )}
    </div>
  );
}

function MonthGrid({
  month,
  weeks,
  currency,
  selected,
  tabStop,
  onFocusDay,
  onSelect,
  detail,
}: {
  month: Month;
  weeks: ReadonlyMap<string, CalendarWeek>;
  currency: string | null;
  selected: string | null;
  tabStop: string | null;
  onFocusDay: (date: string) => void;
  onSelect: (date: string | null) => void;
  detail: ReactNode;
}) {
  const label = monthLabel(month.key);
  return (
    <>
      <section className="cal-month" aria-label={label}>
        <h3>
          <span>{label}</span>
          {month.total && (
            <span className={`num ${tone(month.total.netPnlBase)}`}>
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
          <span className="dow" aria-hidden="true">
            Week
          </span>
          {monthRows(month.key).map((row) => {
            const week = weeks.get(`${month.key}|${row.weekStart}`);
            return [
              ...row.days.map((dayNumber, i) => {
                if (dayNumber === null)
                  return (
                    <span key={`${row.weekStart}-${DOW[i]}`} className="cal-day blank" aria-hidden="true" />
                  );
                const day = month.days.get(dayNumber);
                if (!day)
                  return (
                    <span key={dayNumber} className="cal-day" aria-hidden="true">
                      {dayNumber}
                    </span>
                  );
                const t = tone(day.netPnlBase);
                const amount = formatMoney(day.netPnlBase, currency, { signed: true });
                return (
                  <button
                    key={dayNumber}
                    type="button"
                    className={`cal-day has-pnl ${t}`}
                    data-date={day.date}
                    tabIndex={day.date === tabStop ? 0 : -1}
                    aria-pressed={selected === day.date}
                    title={`${amount} · ${formatCount(day.trades)} trades`}
                    onFocus={() => onFocusDay(day.date)}
                    onClick={() => onSelect(selected === day.date ? null : day.date)}
                  >
                    {/* The name is the full sentence; the cell's short text is hidden from it. */}
                    <span className="visually-hidden">
                      {`${formatCalendarDate(day.date)}: ${amount}, ${formatCount(day.trades)} ${day.trades === "1" ? "trade" : "trades"}`}
                    </span>
                    <span className="n" aria-hidden="true">
                      {dayNumber}
                      <span className="glyph" aria-hidden="true">
                        {GLYPH[t]}
                      </span>
                    </span>
                    <span className="amt" aria-hidden="true">
                      {formatCompactMoney(day.netPnlBase, currency)}
                    </span>
                  </button>
                );
              }),
              <span
                key={`${row.weekStart}-week`}
                className={`cal-week num ${week ? tone(week.netPnlBase) : ""}`}
                title={
                  week
                    ? `Week of ${formatCalendarDate(row.weekStart)}: ${formatMoney(week.netPnlBase, currency, { signed: true })}`
                    : undefined
                }
              >
                {week ? (
                  <>
                    <span className="visually-hidden">
                      Week of {formatCalendarDate(row.weekStart)}:{" "}
                      {formatMoney(week.netPnlBase, currency, { signed: true })}
                    </span>
                    <span aria-hidden="true">{formatCompactMoney(week.netPnlBase, currency)}</span>
                  </>
                ) : null}
              </span>,
            ];
          })}
        </div>
      </section>
      {detail && <div className="cal-detail">{detail}</div>}
    </>
  );
}
