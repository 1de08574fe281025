// Horizontal bars with the formatted value beside each. Amounts diverge from a centre line (gains right,
// losses left); a rate is drawn on a 0–100 scale from the left with a mark at 50 %, so 31.9 % is a short bar
// left of the mark, not a "gain". Bar length is pixel geometry from the decimal string; the text is exact.
import type { ReactNode } from "react";
import type { GroupStats } from "../api/types.ts";
import { formatCount, signOf } from "../lib/format.ts";
import { Link } from "../lib/navigation.tsx";

export type BarScale = "diverging" | "rate";

export function BarList<G extends GroupStats>({
  groups,
  value,
  format,
  caption,
  scale = "diverging",
  label = (g) => g.label,
  href,
  extra,
}: {
  groups: readonly G[];
  value: (g: G) => string | null;
  format: (v: string | null) => string;
  caption: string;
  scale?: BarScale;
  label?: (g: G) => string;
  /** Where a row leads (e.g. its trades). */
  href?: (g: G) => string;
  /** More under a row (e.g. the contracts of an underlying). */
  extra?: (g: G) => ReactNode;
}) {
  const magnitudes = groups.map((g) => Math.abs(Number(value(g) ?? 0)));
  const max = Math.max(1e-9, ...magnitudes);
  return (
    <ul className={`bars ${scale}`} aria-label={caption}>
      {groups.map((g, i) => {
        const v = value(g);
        const sign = signOf(v);
        const name = label(g);
        const rate = scale === "rate";
        const width = rate
          ? `${Math.min(100, Math.max(0, Number(v ?? 0)))}%`
          : `${((magnitudes[i] ?? 0) / max) * 50}%`;
        // A rate is neither gain nor loss: one neutral colour, read against the 50 % mark.
        const tone = rate ? "" : sign === "negative" ? "neg" : sign === "positive" ? "pos" : "";
        return (
          <li key={g.key}>
            <span className="label" title={name}>
              {href ? <Link to={href(g)}>{name}</Link> : name}
              <span className="muted small"> · {formatCount(g.trades)}</span>
            </span>
            <span className="track" aria-hidden="true">
              {(rate ? v !== null : sign !== "zero") && <span className={`fill ${tone}`} style={{ width }} />}
            </span>
            <span className={`value num ${tone}`}>{format(v)}</span>
            {extra?.(g)}
          </li>
        );
      })}
    </ul>
  );
}
