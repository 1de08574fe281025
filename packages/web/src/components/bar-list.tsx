// Horizontal diverging bars (gains right, losses left of the centre line) with the formatted value beside
// each bar. Bar length is pixel geometry from the decimal string; the text is the exact formatted value.
import type { GroupStats } from "../api/types.ts";
import { formatCount, signOf } from "../lib/format.ts";

export function BarList({
  groups,
  value,
  format,
  caption,
}: {
  groups: readonly GroupStats[];
  value: (g: GroupStats) => string | null;
  format: (v: string | null) => string;
  caption: string;
}) {
  const magnitudes = groups.map((g) => Math.abs(Number(value(g) ?? 0)));
  const max = Math.max(1e-9, ...magnitudes);
  return (
    <ul className="bars" aria-label={caption}>
      {groups.map((g, i) => {
        const v = value(g);
        const sign = signOf(v);
        const width = `${((magnitudes[i] ?? 0) / max) * 50}%`;
        return (
          <li key={g.key}>
            <span className="label" title={g.label}>
              {g.label}
              <span className="muted small"> · {formatCount(g.trades)}</span>
            </span>
            <span className="track" aria-hidden="true">
              {sign !== "zero" && (
                <span className={`fill ${sign === "negative" ? "neg" : "pos"}`} style={{ width }} />
              )}
            </span>
            <span className={`value num ${sign === "negative" ? "neg" : sign === "positive" ? "pos" : ""}`}>
              {format(v)}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
