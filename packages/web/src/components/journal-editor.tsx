// A trade's journal on its detail page: the note (Markdown, with a preview rendered without raw HTML), tags
// with suggestions from the user's own, and the planned risk as an amount or a stop. Unsaved text is kept in
// localStorage on every keystroke, so a dropped connection or a closed tab loses nothing; a saved note clears
// it.
import { useEffect, useId, useState } from "react";
import { type TradeJournal, useSaveJournal, useTagSuggestions } from "../api/journal-client.ts";
import { formatR } from "../lib/format.ts";
import { Link } from "../lib/navigation.tsx";
import { renderMarkdown } from "../lib/render-markdown.ts";
import { TagInput } from "./tag-input.tsx";

export const MAX_NOTE_LENGTH = 20_000;

interface Draft {
  note: string;
  tags: string[];
  riskMode: "amount" | "stop";
  risk: string;
}

const draftKey = (tradeId: string) => `closeout:journal-draft:${tradeId}`;

function fromJournal(j: TradeJournal | undefined): Draft {
  const stop = j?.riskSource === "stop";
  return {
    note: j?.note ?? "",
    tags: [...(j?.tags ?? [])],
    riskMode: stop ? "stop" : "amount",
    risk: (stop ? j?.stopPrice : j?.riskSource === "amount" ? j?.plannedRisk : null) ?? "",
  };
}

function readDraft(tradeId: string): Draft | null {
  try {
    const raw = localStorage.getItem(draftKey(tradeId));
    return raw ? (JSON.parse(raw) as Draft) : null;
  } catch {
    return null;
  }
}

export function JournalEditor({
  tradeId,
  journal,
  day,
}: {
  tradeId: string;
  journal: TradeJournal | undefined;
  /** The close date (exchange time), for the link to that day's journal. */
  day?: string;
}) {
  const saved = fromJournal(journal);
  const [draft, setDraft] = useState<Draft>(() => readDraft(tradeId) ?? saved);
  const [restored] = useState(() => readDraft(tradeId) !== null);
  const [preview, setPreview] = useState(false);
  const save = useSaveJournal(tradeId);
  const suggestions = useTagSuggestions();
  const noteId = useId();
  const riskId = useId();
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);

  useEffect(() => {
    try {
      if (dirty) localStorage.setItem(draftKey(tradeId), JSON.stringify(draft));
      else localStorage.removeItem(draftKey(tradeId));
    } catch {
      // Storage full or disabled: the editor still works, only the draft is not kept.
    }
  }, [draft, dirty, tradeId]);

  const update = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const submit = () => {
    const risk = draft.risk.trim();
    save.mutate(
      {
        note: draft.note,
        tags: draft.tags,
        plannedRisk: draft.riskMode === "amount" && risk !== "" ? risk : null,
        stopPrice: draft.riskMode === "stop" && risk !== "" ? risk : null,
      },
      {
        onSuccess: (answer) => {
          const next = fromJournal(answer.journal);
          setDraft(next);
          try {
            localStorage.removeItem(draftKey(tradeId));
          } catch {}
        },
      },
    );
  };

  return (
    <section className="card journal-editor" aria-labelledby="journal-title">
      <h2 id="journal-title">Journal</h2>
      {day && (
        <p className="small">
          <Link to={`/journal/${day}`}>Day journal of {day}</Link>
        </p>
      )}
      {restored && dirty && <p className="small muted">Unsaved changes from before were restored.</p>}
      {journal?.r != null && (
        <p>
          R{" "}
          <strong className="num" title={journal.r}>
            {formatR(journal.r)}
          </strong>
          {journal.riskSource === "default" && <span className="muted small"> (default risk)</span>}
        </p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div role="tablist" aria-label="Note view">
          <button
            type="button"
            role="tab"
            aria-selected={!preview}
            className="btn small"
            onClick={() => setPreview(false)}
          >
            Write
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={preview}
            className="btn small"
            onClick={() => setPreview(true)}
          >
            Preview
          </button>
        </div>
        <label htmlFor={noteId} className={preview ? "visually-hidden" : undefined}>
          Note (Markdown)
        </label>
        {preview ? (
          <div
            className="markdown-preview"
            // Safe: markdown-it with html disabled escapes every tag (lib/render-markdown.ts, ADR 0014).
            // biome-ignore lint/security/noDangerouslySetInnerHtml: rendered without raw HTML
            dangerouslySetInnerHTML={{ __html: renderMarkdown(draft.note) }}
          />
        ) : (
          <textarea
            id={noteId}
            value={draft.note}
            maxLength={MAX_NOTE_LENGTH}
            rows={6}
            style={{ width: "100%" }}
            onChange={(e) => update({ note: e.target.value })}
            onKeyDown={(e) => {
              if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) submit();
            }}
          />
        )}
        <p className="small muted">
          {draft.note.length.toLocaleString()} / {MAX_NOTE_LENGTH.toLocaleString()} characters · Ctrl+Enter
          saves
        </p>
        <TagInput
          tags={draft.tags}
          onChange={(tags) => update({ tags })}
          suggestions={(suggestions.data?.tags ?? []).map((t) => t.tag)}
        />
        <fieldset>
          <legend>Planned risk</legend>
          <label>
            <input
              type="radio"
              checked={draft.riskMode === "amount"}
              onChange={() => update({ riskMode: "amount" })}
            />{" "}
            Amount
          </label>{" "}
          <label>
            <input
              type="radio"
              checked={draft.riskMode === "stop"}
              onChange={() => update({ riskMode: "stop" })}
            />{" "}
            Stop price
          </label>
          <label htmlFor={riskId} className="visually-hidden">
            {draft.riskMode === "amount" ? "Risk amount" : "Stop price"}
          </label>
          <input
            id={riskId}
            type="text"
            inputMode="decimal"
            pattern="\d+(\.\d+)?"
            value={draft.risk}
            placeholder={draft.riskMode === "amount" ? "100" : "stop price"}
            onChange={(e) => update({ risk: e.target.value })}
          />
        </fieldset>
        {save.error && (
          <p role="alert" className="small">
            {save.error.message} Your text is kept on this device; try again.
          </p>
        )}
        <button type="submit" className="btn primary" disabled={save.isPending || !dirty}>
          {save.isPending ? "Saving…" : dirty ? "Save journal" : "Saved"}
        </button>
      </form>
    </section>
  );
}
