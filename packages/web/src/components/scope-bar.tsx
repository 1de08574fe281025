// Period and account of the figures on a page, kept in the URL (lib/date-range.ts), so a reload, the back
// button and a shared link show the same numbers.
import { useAccounts } from "../api/queries.ts";
import {
  RANGE_PRESETS,
  type RangePreset,
  type Scope,
  scopeFromSearch,
  searchWithScope,
} from "../lib/date-range.ts";
import { navigate, useLocation } from "../lib/navigation.tsx";

/** The scope in the current URL. */
export function useScope(): Scope {
  return scopeFromSearch(useLocation().search);
}

export function ScopeBar({ idPrefix = "scope" }: { idPrefix?: string }) {
  const { pathname, search } = useLocation();
  const scope = scopeFromSearch(search);
  const accounts = useAccounts();
  const set = (next: Scope) => navigate(`${pathname}${searchWithScope(search, next)}`, { replace: true });
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <form className="card scope-bar" aria-label="Period and account" onSubmit={(e) => e.preventDefault()}>
      <div className="filters">
        <div className="field">
          <label htmlFor={id("range")}>Period</label>
          <select
            id={id("range")}
            value={scope.range}
            onChange={(e) => {
              const range = e.target.value as RangePreset;
              set({ ...scope, range, from: undefined, to: undefined });
            }}
          >
            {RANGE_PRESETS.map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </div>
        {scope.range === "custom" && (
          <>
            <div className="field">
              <label htmlFor={id("from")}>Closed from</label>
              <input
                id={id("from")}
                type="date"
                value={scope.from ?? ""}
                onChange={(e) => set({ ...scope, from: e.target.value || undefined })}
              />
            </div>
            <div className="field">
              <label htmlFor={id("to")}>Closed until</label>
              <input
                id={id("to")}
                type="date"
                value={scope.to ?? ""}
                onChange={(e) => set({ ...scope, to: e.target.value || undefined })}
              />
            </div>
          </>
        )}
        {(accounts.data?.length ?? 0) > 1 && (
          <div className="field">
            <label htmlFor={id("account")}>Account</label>
            <select
              id={id("account")}
              value={scope.account ?? ""}
              onChange={(e) => set({ ...scope, account: e.target.value || undefined })}
            >
              <option value="">All accounts</option>
              {accounts.data?.map((a) => (
                <option key={a.id} value={a.accountId}>
                  {a.alias ? `${a.alias} (${a.accountId})` : a.accountId}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {scope.range === "custom" && scope.from && scope.to && scope.from > scope.to && (
        <p className="small error-text" role="alert">
          The start date is after the end date: swap them to see figures.
        </p>
      )}
    </form>
  );
}
