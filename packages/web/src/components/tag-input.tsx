// Tags as removable chips and a text box: Enter or comma adds, Backspace on an empty box removes the last,
// suggestions from the user's own tags through a native datalist (keyboard and screen-reader friendly).
import { type KeyboardEvent, useId, useState } from "react";

/** Same rule as the server's (journal/normalize-tag.ts), so chips show what will be stored. */
export function normalizeTagText(raw: string): string {
  return raw.normalize("NFKC").trim().toLowerCase().replace(/\s+/g, "-");
}

export function TagInput({
  tags,
  onChange,
  suggestions,
  max = 20,
  label = "Tags",
  listLabel = "Tags of this trade",
  placeholder = "setup:breakout, mistake:late-entry…",
}: {
  tags: readonly string[];
  onChange: (tags: string[]) => void;
  suggestions: readonly string[];
  max?: number;
  label?: string;
  /** What the chips are, for screen readers. */
  listLabel?: string;
  placeholder?: string;
}) {
  const [text, setText] = useState("");
  const listId = useId();
  const inputId = useId();
  const add = (raw: string) => {
    const tag = normalizeTagText(raw);
    if (tag === "" || tags.includes(tag) || tags.length >= max) return;
    onChange([...tags, tag]);
    setText("");
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter" || e.key === ",") {
      e.preventDefault();
      add(text);
    } else if (e.key === "Backspace" && text === "" && tags.length > 0) {
      onChange(tags.slice(0, -1));
    }
  };
  return (
    <div className="tag-input">
      <label htmlFor={inputId}>{label}</label>
      {tags.length > 0 && (
        <ul className="tag-list" aria-label={listLabel}>
          {tags.map((tag) => (
            <li key={tag} className="tag-chip">
              {tag}
              <button
                type="button"
                className="tag-chip-remove"
                aria-label={`Remove tag ${tag}`}
                onClick={() => onChange(tags.filter((t) => t !== tag))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={inputId}
        type="text"
        list={listId}
        value={text}
        maxLength={40}
        placeholder={placeholder}
        onChange={(e) =>
          e.target.value.endsWith(",") ? add(e.target.value.slice(0, -1)) : setText(e.target.value)
        }
        onKeyDown={onKeyDown}
        onBlur={() => text.trim() !== "" && add(text)}
      />
      <datalist id={listId}>
        {suggestions
          .filter((s) => !tags.includes(s))
          .map((s) => (
            <option key={s} value={s} />
          ))}
      </datalist>
    </div>
  );
}
