import { useEffect, useRef } from "react";
import type { SortKey, Trade, TradeSort } from "../api/types.ts";
import {
  assetClassLabel,
  formatDecimal,
  formatDuration,
  formatR,
  formatShortDate,
  formatUtc,
} from "../lib/format.ts";
import { Link } from "../lib/navigation.tsx";
import { describeSymbol } from "../lib/symbol-words.ts";
import { TagChips } from "./tag-chips.tsx";
import { Money, Percent, ReconBadge } from "./ui.tsx";

interface Column {
  key: string;
  label: string;
  sortKey?: SortKey;
  right?: boolean;
  desktopOnly?: boolean;
}

const COLUMNS: readonly Column[] = [
  { key: "symbol", label: "Symbol", sortKey: "symbol" },
  // On a phone the close date sits under the symbol, so an option symbol keeps one line beside its P&L.
  { key: "closedAt", label: "Closed (ET)", sortKey: "closedAt", desktopOnly: true },
  { key: "qty", label: "Qty", right: true, desktopOnly: true },
  { key: "hold", label: "Held", sortKey: "holdingSeconds", right: true, desktopOnly: true },
  { key: "pnl", label: "P&L", sortKey: "pnl", right: true },
  { key: "ret", label: "Return", sortKey: "returnPct", right: true, desktopOnly: true },
  // R from the journal's planned risk (docs/metrics.md "R"); blank without one.
  { key: "r", label: "R", right: true, desktopOnly: true },
  { key: "ib", label: "IB check", desktopOnly: true },
];

export function TradeTable({
  trades,
  baseCurrency,
  sort,
  onSort,
  caption,
  linkSearch = "",
}: {
  trades: readonly Trade[];
  baseCurrency: string | null;
  sort?: TradeSort;
  onSort?: (column: SortKey) => void;
  caption: string;
  /** The list's filters and sort, carried into each trade's page (its "All trades" and previous/next). */
  linkSearch?: string;
}) {
  // The header button used to sort keeps focus once the new order is drawn, for keyboard users.
  const sortedBy = useRef<SortKey | null>(null);
  const head = useRef<HTMLTableSectionElement>(null);
  useEffect(() => {
    if (sortedBy.current === null || sort === undefined) return;
    head.current?.querySelector<HTMLButtonElement>(`button[data-sort="${sortedBy.current}"]`)?.focus();
  }, [sort]);
  const ariaSort = (column: Column) => {
    if (!column.sortKey || !sort) return undefined;
    if (sort === column.sortKey) return "ascending" as const;
    if (sort === `-${column.sortKey}`) return "descending" as const;
    return "none" as const;
  };
  return (
    <div className="table-scroll">
      <table className="trade-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead ref={head}>
          <tr>
            {COLUMNS.map((c) => (
              <th
                key={c.key}
                scope="col"
                className={`${c.right ? "r" : ""} ${c.desktopOnly ? "hide-phone" : ""}`}
                aria-sort={ariaSort(c)}
              >
                {c.sortKey && onSort ? (
                  <button
                    type="button"
                    data-sort={c.sortKey}
                    onClick={() => {
                      sortedBy.current = c.sortKey!;
                      onSort(c.sortKey!);
                    }}
                  >
                    {c.label}
                    <span aria-hidden="true">
                      {sort === c.sortKey ? " ▲" : sort === `-${c.sortKey}` ? " ▼" : ""}
                    </span>
                  </button>
                ) : (
                  c.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {trades.map((t) => (
            <tr key={t.id}>
              <td>
                <Link to={`/trades/${encodeURIComponent(t.id)}${linkSearch}`} className="symbol">
                  {describeSymbol(t.symbol)}
                </Link>
                <div className="muted small">
                  {t.side === "short" ? "Short" : "Long"} · {assetClassLabel(t.assetClass)}
                  <span className="show-phone">
                    {" · "}
                    <time dateTime={t.closedAt} title={formatUtc(t.closedAt)}>
                      {formatShortDate(t.closedAt)}
                    </time>
                  </span>
                </div>
                <TagChips tags={t.tags} label={`Tags of ${describeSymbol(t.symbol)}`} />
              </td>
              <td className="small date hide-phone">
                <time dateTime={t.closedAt} title={formatUtc(t.closedAt)}>
                  {formatShortDate(t.closedAt)}
                </time>
              </td>
              <td className="r num hide-phone">{formatDecimal(t.quantity)}</td>
              <td className="r num hide-phone">{formatDuration(t.holdingSeconds)}</td>
              <td className="r">
                <Money value={t.realizedPnlBase} currency={baseCurrency ?? t.currency} />
                <div className="small show-phone">
                  <Percent value={t.returnPct} />
                  {t.r !== null && <span className="num"> · {formatR(t.r)}</span>}
                </div>
              </td>
              <td className="r hide-phone">
                <Percent value={t.returnPct} />
              </td>
              <td className="r num hide-phone" data-testid="trade-r">
                {t.r !== null ? formatR(t.r) : ""}
              </td>
              <td className="hide-phone">
                <ReconBadge status={t.reconciliation.status} reason={t.reconciliation.reason} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
