import { useEffect } from "react";
import { useInvalidateTradeData, useLinkImport } from "../api/queries.ts";
import type { CreateLinkAnswer } from "../api/types.ts";
import { formatCalendarDate } from "../lib/format.ts";
import { linkImportFinished, linkImportWords } from "../lib/link-import-words.ts";
import type { Problem } from "../lib/link-problems.ts";
import { Link } from "../lib/navigation.tsx";

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
  const progress = useLinkImport(answer.link.id, answer.import);
  const current = progress.data;
  const finished = linkImportFinished(current);
  const succeeded = current.state === "done";
  const invalidate = useInvalidateTradeData();
  useEffect(() => {
    if (finished) void invalidate();
  }, [finished, invalidate]);
  const accounts = answer.accounts;

  return (
    <div className="stack">
      <div className="notice" role="status">
        {answer.check ? (
          <p>
            <strong>Linked.</strong> IB answered and your Flex query has every section closeout needs.
          </p>
        ) : (
          <p>
            <strong>Link saved.</strong> IB did not answer the test pull; closeout checks the query when it
            does.
          </p>
        )}
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
      {answer.check && (
        <div>
          <h3>Accounts found</h3>
          {accounts.length === 0 ? (
            <p className="muted">The statement holds no account yet.</p>
          ) : (
            <ul>
              {accounts.map((a) => (
                <li key={a.accountId}>
                  {/* No execution count here: the first import below gives the one count, of what it imported. */}
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
      )}
      <div aria-live="polite">
        <h3>First import</h3>
        <p
          data-testid="sync-status"
          data-status={succeeded ? "succeeded" : current.state}
          data-state={current.state}
        >
          {linkImportWords(current)}
        </p>
        {!finished && (
          <div className="progress" role="progressbar" aria-label="First import in progress">
            <div />
          </div>
        )}
      </div>
      {succeeded && (
        <Link to="/dashboard" className="btn primary">
          See your dashboard
        </Link>
      )}
      {finished && !succeeded && (
        <Link to="/accounts" className="btn">
          Open accounts &amp; sync
        </Link>
      )}
    </div>
  );
}
