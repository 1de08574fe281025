// A day's journal, reached from the P&L calendar: the day note and that day's trades with their tags and R.
import { useEffect, useId, useState } from "react";
import { journalClient, useDayJournal } from "../api/journal-client.ts";
import { TagChips } from "../components/tag-chips.tsx";
import { ErrorNotice, Loading, Money, PageTitle } from "../components/ui.tsx";
import { formatR } from "../lib/format.ts";
import { Link } from "../lib/navigation.tsx";
import { renderMarkdown } from "../lib/render-markdown.ts";
import { describeSymbol } from "../lib/symbol-words.ts";

export function DayJournalPage({ date }: { date: string }) {
  const day = useDayJournal(date);
  const [note, setNote] = useState<string | null>(null);
  const [status, setStatus] = useState<string>("");
  const noteId = useId();
  useEffect(() => {
    if (day.data && note === null) setNote(day.data.note);
  }, [day.data, note]);
  if (day.isPending) return <Loading />;
  if (day.isError) return <ErrorNotice error={day.error} retry={() => day.refetch()} />;
  const save = async () => {
    setStatus("Saving…");
    try {
      await journalClient.saveDay(date, note ?? "");
      setStatus("Saved");
    } catch (error) {
      setStatus(error instanceof Error ? error.message : "Not saved");
    }
  };
  return (
    <div className="stack">
      <PageTitle title={`Journal ${date}`}>Journal · {date}</PageTitle>
      <section className="card">
        <label htmlFor={noteId}>Day note (Markdown)</label>
        <textarea
          id={noteId}
          rows={5}
          maxLength={20_000}
          style={{ width: "100%" }}
          value={note ?? ""}
          onChange={(e) => setNote(e.target.value)}
        />
        <button type="button" className="btn primary" onClick={save}>
          Save day note
        </button>{" "}
        <span role="status" className="small muted">
          {status}
        </span>
        {note && (
          <div
            className="markdown-preview"
            // biome-ignore lint/security/noDangerouslySetInnerHtml: markdown-it without raw HTML (ADR 0014)
            dangerouslySetInnerHTML={{ __html: renderMarkdown(note) }}
          />
        )}
      </section>
      <section className="card" aria-labelledby="day-trades">
        <h2 id="day-trades">Trades closed that day</h2>
        {day.data.trades.length === 0 ? (
          <p className="muted">No trade closed on {date}.</p>
        ) : (
          <ul>
            {day.data.trades.map((t) => (
              <li key={t.id}>
                <Link to={`/trades/${encodeURIComponent(t.id)}`}>
                  {describeSymbol(t.symbol)} {t.side === "short" ? "short" : "long"}
                </Link>{" "}
                <Money value={t.realizedPnl} currency={t.currency} />
                {t.journal.r !== null && <span className="num"> · {formatR(t.journal.r)}</span>}
                <TagChips tags={t.journal.tags} label={`Tags of ${describeSymbol(t.symbol)}`} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
