import { useEffect } from "react";
import { useInvalidateTradeData, useSyncs } from "../api/queries.ts";
import type { CreateLinkAnswer } from "../api/types.ts";
import { formatCalendarDate } from "../lib/format.ts";
import type { Problem } from "../lib/link-problems.ts";
import { Link } from "../lib/navigation.tsx";
import { latestSync, syncIsFinished, syncSucceeded, syncWords } from "../lib/sync-words.ts";

const STEP_NAMES: Readonly<Record<string, string>> = {
  sections: "Sections step",
  delivery: "Delivery settings step",
  "query-id": "Query Id step",
  token: "Token step",
  link: "form above",
};

export function LinkProblems({ problems, go }: { problems: Problem[]; go: (step: string) => void }) {
  const blocking = problems.filter((p) => p.blocking);
  const warnings = problems.filter((p) => !p.blocking);
  return (
    <div className="notice error" role="alert" aria-labelledby="problems-title" style={{ marginTop: "1rem" }}>
      <h3 id="problems-title">
        {blocking.length === 1 ? "One thing to fix in IB" : `${blocking.length} things to fix in IB`}
      </h3>
      <ul className="section-list">
        {[...blocking, ...warnings].map((p) => (
          <li
            key={`${p.kind}-${p.title}`}
            className={p.blocking ? "missing" : undefined}
            data-problem={p.kind}
          >
            <strong>{p.title}</strong>
            <p className="small">{p.detail}</p>
            {p.step && p.step !== "link" && (
              <button type="button" className="btn small" onClick={() => p.step && go(p.step)}>
                Show the {STEP_NAMES[p.step] ?? p.step}
              </button>
            )}
          </li>
        ))}
      </ul>
      <p className="small">Once it is fixed in IB, paste the token again and press the button above.</p>
    </div>
  );
}

export function LinkSuccess({ answer, warnings }: { answer: CreateLinkAnswer; warnings: Problem[] }) {
  const syncs = useSyncs(answer.link.id, true);
  const current = syncs.data ? latestSync(syncs.data) : null;
  const finished = current !== null && syncIsFinished(current);
  const invalidate = useInvalidateTradeData();
  useEffect(() => {
    if (finished) void invalidate();
  }, [finished, invalidate]);
  const accounts = answer.accounts;

  return (
    <div className="stack">
      <div className="notice" role="status">
        <p>
          <strong>Linked.</strong> IB answered and your Flex query has every section closeout needs.
        </p>
      </div>
      {warnings.length > 0 && (
        <div className="notice warn">
          <h3>Worth a look</h3>
          <ul>
            {warnings.map((w) => (
              <li key={w.detail}>{w.detail}</li>
            ))}
          </ul>
        </div>
      )}
      <div>
        <h3>Accounts found</h3>
        {accounts.length === 0 ? (
          <p className="muted">The statement holds no account yet.</p>
        ) : (
          <ul>
            {accounts.map((a) => (
              <li key={a.accountId}>
                {/* No execution count here: the first sync below gives the one count, of what it imported. */}
                <strong>{a.accountId}</strong> · base currency {a.baseCurrency ?? "unknown"}
                {a.fromDate && a.toDate && (
                  <>
                    {" "}
                    · {formatCalendarDate(a.fromDate)} to {formatCalendarDate(a.toDate)}
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div aria-live="polite">
        <h3>First sync</h3>
        {current === null ? (
          <p className="muted">Starting…</p>
        ) : (
          <>
            <p data-testid="sync-status" data-status={current.status}>
              {syncWords(current)}
            </p>
            {!finished && (
              <div className="progress" role="progressbar" aria-label="First sync in progress">
                <div />
              </div>
            )}
          </>
        )}
      </div>
      {finished && current && syncSucceeded(current) && (
        <Link to="/dashboard" className="btn primary">
          See your dashboard
        </Link>
      )}
      {finished && current && !syncSucceeded(current) && (
        <Link to="/accounts" className="btn">
          Open accounts &amp; sync
        </Link>
      )}
    </div>
  );
}
