import { type ReactNode, useEffect, useRef } from "react";
import { ApiError } from "../api/client.ts";
import { formatMoney, formatPercent, signOf } from "../lib/format.ts";

/** Sets the document title and moves focus to the page heading, so screen readers announce the new page. */
export function PageTitle({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · closeout`;
    ref.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

const signClass = (value: string | null | undefined) => {
  const sign = signOf(value);
  return sign === "positive" ? "pos" : sign === "negative" ? "neg" : "";
};

export function Money({
  value,
  currency,
  signed = true,
  colored = true,
}: {
  value: string | null | undefined;
  currency: string | null | undefined;
  signed?: boolean;
  colored?: boolean;
}) {
  return (
    <span className={`num ${colored ? signClass(value) : ""}`}>
      {formatMoney(value, currency, { signed })}
    </span>
  );
}

export function Percent({
  value,
  signed = true,
  colored = true,
}: {
  value: string | null | undefined;
  signed?: boolean;
  colored?: boolean;
}) {
  return <span className={`num ${colored ? signClass(value) : ""}`}>{formatPercent(value, { signed })}</span>;
}

export function Stat({
  label,
  children,
  sub,
  hero,
  testId,
}: {
  label: string;
  children: ReactNode;
  sub?: ReactNode;
  hero?: boolean;
  testId?: string;
}) {
  return (
    <div className={`stat${hero ? " hero" : ""}`} data-testid={testId}>
      <dt>{label}</dt>
      <dd>
        {children}
        {sub !== undefined && <span className="sub">{sub}</span>}
      </dd>
    </div>
  );
}

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <p className="muted" role="status">
      <span className="spinner" aria-hidden="true" /> {label}
    </p>
  );
}

export function ErrorNotice({ error, retry }: { error: unknown; retry?: () => void }) {
  const message =
    error instanceof ApiError
      ? error.message
      : "Something went wrong while loading this page. Please try again.";
  return (
    <div className="notice error" role="alert">
      <p>{message}</p>
      {retry && (
        <button type="button" className="btn small" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** Short names of the differences closeout can explain (core's reconciliation hints). */
const EXPLAINED: Readonly<Record<string, string>> = {
  "assignment-premium-in-underlying": "assignment",
  "lot-opened-before-window": "lot before the statement",
  "split-adjusted": "split",
  "commission-currency": "commission currency",
};

/** Whether a difference from IB's figure is one closeout explains (shown neutrally, not as an error). */
export function isExplained(reason: string | null): boolean {
  return reason !== null && reason in EXPLAINED;
}

export function ReconBadge({ status, reason }: { status: string; reason: string | null }) {
  if (status === "matches")
    return (
      <span className="badge ok" title="closeout's P&L equals IB's own realized P&L for this trade">
        ✓ Matches IB
      </span>
    );
  if (status === "differs" && isExplained(reason))
    return (
      <span
        className="badge neutral adjusted"
        title={`Differs from IB's figure, explained: ${reasonWords(reason!)}`}
      >
        Adjusted: {EXPLAINED[reason!]}
      </span>
    );
  if (status === "differs" && reason === "broker-reported-zero")
    return (
      <span className="badge neutral" title={reasonWords(reason)}>
        IB reported 0
      </span>
    );
  if (status === "differs")
    return (
      <span className="badge bad" title={reason ? reasonWords(reason) : "closeout's P&L differs from IB's"}>
        ≠ Differs from IB
      </span>
    );
  return (
    <span className="badge neutral" title="IB did not report a realized P&L for these executions">
      IB figure unavailable
    </span>
  );
}

const REASONS: Readonly<Record<string, string>> = {
  "assignment-premium-in-underlying": "IB books the option premium into the stock's cost",
  "lot-opened-before-window": "part of the position was opened before the statement's window",
  "split-adjusted": "a split or ISIN change moved the position, and IB may carry its cost differently",
  "commission-currency": "a commission in another currency was taken as is",
  "broker-reported-zero": "IB reported 0 as its realized P&L for these executions",
};

export function reasonWords(reason: string): string {
  return REASONS[reason] ?? reason.replaceAll("-", " ");
}
