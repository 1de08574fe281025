import { type ChangeEvent, type FormEvent, useState } from "react";
import { ApiError, api } from "../api/client.ts";
import {
  useAccounts,
  useInvalidateTradeData,
  useLinks,
  usePositions,
  useSyncNow,
  useSyncs,
  useUnmatched,
} from "../api/queries.ts";
import type { ImportAnswer, Link as LinkRow } from "../api/types.ts";
import { ErrorNotice, Loading, PageTitle } from "../components/ui.tsx";
import { useConnection } from "../lib/connection.ts";
import { formatCalendarDate, formatDecimal, formatExchangeTime, formatLocalDateTime } from "../lib/format.ts";
import { Link } from "../lib/navigation.tsx";
import { describeSymbol } from "../lib/symbol-words.ts";
import {
  daysUntil,
  latestSync,
  linkIsHealthy,
  linkStatusWords,
  syncIsFinished,
  syncWords,
} from "../lib/sync-words.ts";

const UNMATCHED_WORDS: Readonly<Record<string, string>> = {
  "opened-before-window":
    "The position was opened before the statement's first day, so its opening is unknown. Upload an older statement that covers the opening to turn it into a trade.",
  "close-without-open":
    "IB marks this execution as a closing one, but no opening was found in the statements closeout has.",
};

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

export function AccountsPage() {
  const links = useLinks({ poll: true });
  const accounts = useAccounts();
  return (
    <div>
      <PageTitle title="Accounts & sync">Accounts &amp; sync</PageTitle>
      {links.isPending ? (
        <Loading />
      ) : links.isError ? (
        <ErrorNotice error={links.error} retry={() => links.refetch()} />
      ) : links.data.length === 0 ? (
        <div className="notice">
          <p>No IB account is linked yet.</p>
          <Link to="/link" className="btn primary">
            Link your IB account
          </Link>
        </div>
      ) : (
        links.data.map((link) => <LinkCard key={link.id} link={link} />)
      )}
      {(links.data?.length ?? 0) > 0 && (
        <p>
          <Link to="/link" className="btn">
            Link another Flex query
          </Link>
        </p>
      )}
      <section className="card" aria-labelledby="accounts-title">
        <h2 id="accounts-title">IB accounts</h2>
        {accounts.isPending ? (
          <Loading />
        ) : accounts.isError ? (
          <ErrorNotice error={accounts.error} />
        ) : accounts.data.length === 0 ? (
          <p className="muted">Accounts appear after the first sync.</p>
        ) : (
          <ul className="section-list">
            {accounts.data.map((a) => (
              <li key={a.id}>
                <strong>{a.accountId}</strong>
                {a.alias && <> · {a.alias}</>} · base currency {a.baseCurrency ?? "unknown"}
                <div className="muted small">
                  History: {formatExchangeTime(a.firstTradeAt, { dateOnly: true })} –{" "}
                  {formatExchangeTime(a.lastTradeAt, { dateOnly: true })}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <ImportCard />
      <OpenPositionsCard />
      <UnmatchedCard />
    </div>
  );
}

function LinkCard({ link }: { link: LinkRow }) {
  const syncNow = useSyncNow();
  const syncs = useSyncs(link.id, true);
  const current = syncs.data ? latestSync(syncs.data) : null;
  const running = current !== null && !syncIsFinished(current);
  const days = daysUntil(link.tokenExpiresOn, today());
  const [replacing, setReplacing] = useState(false);
  // While closeout does not answer, the last known status may be stale: no green "Working" then.
  const known = useConnection().state === "online";
  const healthy = linkIsHealthy(link);

  return (
    <section className="card" aria-label={`Flex query ${link.queryId}`}>
      <div className="card-header">
        <h2>Flex query {link.queryId}</h2>
        {known ? (
          <span className={`badge ${healthy ? "ok" : "bad"}`} data-testid="link-badge">
            {healthy ? "Working" : "Needs attention"}
          </span>
        ) : (
          <span className="badge neutral" data-testid="link-badge">
            Status unknown: offline
          </span>
        )}
      </div>
      {known && !healthy && (
        <div className="notice error" role="alert">
          <p>
            <strong>{linkStatusWords(link)}</strong>
          </p>
          {link.statusMessage && <p className="small">{link.statusMessage}</p>}
        </div>
      )}
      {(link.tokenWarning || (days !== null && days <= 30)) && (
        <div className={`notice ${days !== null && days < 0 ? "error" : "warn"}`}>
          <p>
            {link.tokenWarning ??
              (days !== null && days < 0
                ? `The Flex token expired on ${formatCalendarDate(link.tokenExpiresOn)}.`
                : `The Flex token expires on ${formatCalendarDate(link.tokenExpiresOn)} (in ${days} days).`)}{" "}
            Generate a new one under Settings → Account Settings → Reporting → Flex Web Service in IB and
            paste it below.
          </p>
        </div>
      )}
      <dl className="kv">
        <dt>Last sync</dt>
        <dd>{formatLocalDateTime(link.lastSyncAt)}</dd>
        <dt>Next sync</dt>
        <dd>{formatLocalDateTime(link.nextSyncAt)}</dd>
        <dt>Token expires</dt>
        <dd>{link.tokenExpiresOn ? formatCalendarDate(link.tokenExpiresOn) : "not known"}</dd>
        <dt>Accounts</dt>
        <dd>{link.accounts.join(", ") || "—"}</dd>
      </dl>
      {current && (
        <p className="small" aria-live="polite" style={{ marginTop: "0.75rem" }}>
          <strong>Latest sync:</strong> {syncWords(current)}
        </p>
      )}
      <div className="row" style={{ marginTop: "0.75rem" }}>
        <button
          type="button"
          className="btn primary small"
          disabled={running || syncNow.isPending}
          onClick={() => syncNow.mutate(link.id)}
        >
          {running ? "Syncing…" : "Sync now"}
        </button>
        <button
          type="button"
          className="btn small"
          onClick={() => setReplacing((v) => !v)}
          aria-expanded={replacing}
        >
          Replace token
        </button>
        <RemoveLink id={link.id} />
      </div>
      {syncNow.isError && <ErrorNotice error={syncNow.error} />}
      {replacing && <ReplaceToken id={link.id} onDone={() => setReplacing(false)} />}
    </section>
  );
}

function ReplaceToken({ id, onDone }: { id: string; onDone: () => void }) {
  const invalidate = useInvalidateTradeData();
  const [token, setToken] = useState("");
  const [expires, setExpires] = useState("");
  const [error, setError] = useState<unknown>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await api.updateToken(id, token.trim(), expires || undefined);
      await invalidate();
      onDone();
    } catch (e) {
      setError(e);
    }
  }
  return (
    <form onSubmit={submit} style={{ marginTop: "1rem" }}>
      <div className="field">
        <label htmlFor={`token-${id}`}>New Flex token</label>
        <input
          id={`token-${id}`}
          type="password"
          autoComplete="off"
          value={token}
          onChange={(e) => setToken(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`expiry-${id}`}>Expires on (optional)</label>
        <input id={`expiry-${id}`} type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
      </div>
      {error !== null && <ErrorNotice error={error} />}
      <button type="submit" className="btn primary small" disabled={token.trim() === ""}>
        Save token
      </button>
    </form>
  );
}

function RemoveLink({ id }: { id: string }) {
  const invalidate = useInvalidateTradeData();
  const [confirming, setConfirming] = useState(false);
  if (!confirming)
    return (
      <button type="button" className="btn danger small" onClick={() => setConfirming(true)}>
        Unlink
      </button>
    );
  return (
    <fieldset className="row" style={{ border: 0, padding: 0, margin: 0 }}>
      <legend className="visually-hidden">Confirm unlinking</legend>
      <span className="small">Stop syncing this query? Imported trades stay.</span>
      <button
        type="button"
        className="btn danger small"
        onClick={async () => {
          await api.deleteLink(id).catch(() => undefined);
          await invalidate();
        }}
      >
        Yes, unlink
      </button>
      <button type="button" className="btn small" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </fieldset>
  );
}

function ImportCard() {
  const invalidate = useInvalidateTradeData();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    setBusy(true);
    setResult(null);
    setError(null);
    try {
      setResult(await api.importStatement(await file.text()));
      await invalidate();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      event.target.value = "";
    }
  }

  return (
    <section className="card" aria-labelledby="import-title">
      <h2 id="import-title">Add older history</h2>
      <p className="small">
        IB's Flex Web Service reaches back 365 days. For earlier years, run your Activity Flex Query in IB's
        Client Portal for a custom date range (XML format), download it, and upload it here. Overlaps are
        merged: nothing is counted twice.
      </p>
      <div className="field">
        <label htmlFor="statement-file">Flex statement (XML)</label>
        <input
          id="statement-file"
          type="file"
          accept=".xml,application/xml,text/xml"
          onChange={onFile}
          disabled={busy}
        />
      </div>
      {busy && <Loading label="Reading the statement…" />}
      {error !== null && (
        <div className="notice error" role="alert">
          <p>{error instanceof ApiError ? error.message : "The upload failed."}</p>
        </div>
      )}
      {result && (
        <div className="notice" role="status">
          <p>
            {result.executionsAdded} new executions added, {result.executionsExisting} already known;{" "}
            {result.tradesRebuilt} trades rebuilt.
          </p>
          {result.issues.length > 0 && (
            <details>
              <summary>{result.issues.length} rows skipped</summary>
              <ul className="small">
                {result.issues.map((i) => (
                  <li key={`${i.code}-${i.path}`}>{i.message}</li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
    </section>
  );
}

function OpenPositionsCard() {
  const positions = usePositions();
  if (!positions.data || positions.data.length === 0) return null;
  return (
    <section className="card" aria-labelledby="positions-title">
      <h2 id="positions-title">Open positions</h2>
      <p className="small muted">
        Still open at the end of the latest statement; they become trades once closed.
      </p>
      <ul className="section-list">
        {positions.data.map((p) => (
          <li key={`${p.accountId}-${p.conid ?? p.symbol}`}>
            <strong>{describeSymbol(p.symbol)}</strong> · {formatDecimal(p.quantity, undefined, true)} ·{" "}
            {p.accountId}
          </li>
        ))}
      </ul>
    </section>
  );
}

function UnmatchedCard() {
  const unmatched = useUnmatched();
  if (!unmatched.data || unmatched.data.length === 0) return null;
  return (
    <section className="card" aria-labelledby="unmatched-title">
      <h2 id="unmatched-title">Executions not in any trade ({unmatched.data.length})</h2>
      <p className="small muted">
        A trade counts once both its opening and its closing are found. These executions could not be paired:
      </p>
      <ul className="section-list">
        {unmatched.data.map((u) => (
          <li key={`${u.accountId}-${u.executionId ?? u.symbol}-${u.time ?? ""}`}>
            <strong>{describeSymbol(u.symbol)}</strong> · {formatDecimal(u.quantity, undefined, true)} ·{" "}
            {formatExchangeTime(u.time ?? null, { dateOnly: true })}
            <div className="small">{u.explanation ?? UNMATCHED_WORDS[u.reason] ?? u.reason}</div>
          </li>
        ))}
      </ul>
    </section>
  );
}
