import { useEffect, useRef, useState } from "react";
import type { TradeFilters } from "../api/types.ts";
import { navigate } from "../lib/navigation.tsx";
import { filtersFromSearch, searchFromFilters } from "../lib/trade-filters.ts";

/** The filter applies this long after the last keystroke, so typing "AAPL" asks once, not four times. */
const SYMBOL_DEBOUNCE_MS = 350;

/** The filters with `name` as the underlying or the exact symbol (neither when empty). */
function withSymbol(filters: TradeFilters, name: string, exact: boolean): TradeFilters {
  const next = { ...filters };
  delete next.symbol;
  delete next.underlying;
  if (name !== "") {
    if (exact) next.symbol = name;
    else next.underlying = name;
  }
  return next;
}

/** Puts the name in the URL's filters; reads the URL now, as another filter may have changed while typing. */
function apply(name: string, asExact: boolean) {
  const current = filtersFromSearch(window.location.search);
  const next = withSymbol(current.filters, name.trim().toUpperCase(), asExact);
  if (next.symbol === current.filters.symbol && next.underlying === current.filters.underlying) return;
  navigate(`/trades${searchFromFilters(next, current.sort)}`, { replace: true });
}

/**
 * The trades list's symbol filter. The name typed can mean the underlying (its stock, options and futures:
 * "AAPL" and every AAPL option) or exactly that symbol; the underlying is the default. It applies as the user
 * types, to the URL the list reads.
 */
export function SymbolFilter({ filters }: { filters: TradeFilters }) {
  const applied = filters.underlying ?? filters.symbol ?? "";
  const appliedExact = filters.symbol !== undefined;
  const [text, setText] = useState(applied);
  const [exact, setExact] = useState(appliedExact);
  const typed = useRef(false);
  // The URL changed from elsewhere (Clear filters, a breakdown's link, the back button): the fields show it.
  useEffect(() => {
    if (!typed.current) setText(applied);
  }, [applied]);
  useEffect(() => {
    if (applied !== "") setExact(appliedExact);
  }, [applied, appliedExact]);

  useEffect(() => {
    if (!typed.current) return;
    const timer = setTimeout(() => {
      typed.current = false;
      apply(text, exact);
    }, SYMBOL_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, exact]);

  const shown = text.trim().toUpperCase();
  return (
    <>
      <div className="field">
        <label htmlFor="f-symbol">Symbol</label>
        <input
          id="f-symbol"
          type="search"
          value={text}
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => {
            typed.current = true;
            setText(e.target.value);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor="f-symbol-match">Symbol means</label>
        <select
          id="f-symbol-match"
          value={exact ? "exact" : "underlying"}
          onChange={(e) => {
            const asExact = e.target.value === "exact";
            setExact(asExact);
            apply(text, asExact);
          }}
        >
          <option value="underlying">
            {shown ? `${shown} with its options` : "Underlying with its options"}
          </option>
          <option value="exact">{shown ? `Exactly ${shown}` : "Exact symbol"}</option>
        </select>
      </div>
    </>
  );
}
