// Journal entries that no trade contains any more (a rebuild split, joined or dropped their trade): kept, never
// lost, and shown with what they were attached to, so the trader can reattach each to a trade or delete it.
// Nothing shows when there is none.
import { useState } from "react";
import { type JournalOrphan, useJournalOrphans, useResolveOrphan } from "../api/journal-client.ts";
import { useTrades } from "../api/queries.ts";
import { formatCountOf, formatMoney, formatShortDate } from "../lib/format.ts";
import { describeSymbol } from "../lib/symbol-words.ts";
import { TagChips } from "./tag-chips.tsx";

export function JournalOrphans() {
  const orphans = useJournalOrphans();
  // Each entry looks up its candidate trades: only once the list is opened.
  const [open, setOpen] = useState(false);
  const count = orphans.data?.orphans.length ?? 0;
  if (count === 0) return null;
  return (
    <section className="notice warn" aria-labelledby="orphans-title" data-testid="journal-orphans">
      <details onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          <strong id="orphans-title">
            {formatCountOf(count, "note no longer matches a trade", "notes no longer match a trade")}
          </strong>
        </summary>
        <p className="small">
          The trades were rebuilt (a sync, an older statement or new rules) and these entries' executions are
          no longer one trade. They are kept until you reattach or delete them.
        </p>
        {open && (
          <ul className="orphans">
            {orphans.data?.orphans.map((o) => (
              <Orphan key={o.id} orphan={o} />
            ))}
          </ul>
        )}
      </details>
    </section>
  );
}

function Orphan({ orphan }: { orphan: JournalOrphan }) {
  const a = orphan.attachedTo;
  const resolve = useResolveOrphan();
  // Candidates: the trades in the same symbol, newest first (a rebuild may leave none in the same account).
  const candidates = useTrades({ symbol: a.symbol }, "-closedAt");
  const rows = candidates.data?.pages[0]?.trades ?? [];
  const [target, setTarget] = useState("");
  const [confirming, setConfirming] = useState(false);
  const selectId = `orphan-${orphan.id}`;
  return (
    <li>
      <p>
        Was on {describeSymbol(a.symbol)} {a.side}, closed {formatShortDate(a.closedAt)},{" "}
        {formatMoney(a.realizedPnl, a.currency, { signed: true })}
      </p>
      <TagChips tags={orphan.tags} />
      {orphan.note && <p className="small orphan-note">{orphan.note.slice(0, 280)}</p>}
      <div className="row">
        {rows.length > 0 && (
          <>
            <label htmlFor={selectId} className="small">
              Reattach to
            </label>
            <select id={selectId} value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">choose a trade…</option>
              {rows.map((t) => (
                <option key={t.id} value={t.id}>
                  {describeSymbol(t.symbol)} {t.side} in {t.accountId}, closed {formatShortDate(t.closedAt)},{" "}
                  {formatMoney(t.realizedPnl, t.currency, { signed: true })}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="btn small"
              disabled={target === "" || resolve.isPending}
              onClick={() => resolve.mutate({ entryId: orphan.id, tradeId: target })}
            >
              Reattach
            </button>
          </>
        )}
        {/* Deleting is the one way a note is lost: it asks twice. */}
        <button
          type="button"
          className="btn small"
          disabled={resolve.isPending}
          onClick={() => (confirming ? resolve.mutate({ entryId: orphan.id }) : setConfirming(true))}
        >
          {confirming ? "Delete for good" : "Delete"}
        </button>
      </div>
      {resolve.error && (
        <p role="alert" className="small">
          {resolve.error.message}
        </p>
      )}
    </li>
  );
}
