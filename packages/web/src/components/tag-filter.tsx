// The trades list's tag filter: a mode (has any / has all / has none of the tags) and the tags as chips, with
// the user's own tags and their groups ("setup:*") as suggestions. It edits one of the URL's tag filters.
import { useTagSuggestions } from "../api/journal-client.ts";
import type { TradeFilters } from "../api/types.ts";
import { TAG_KEYS, type TagKey, tagsOfFilter } from "../lib/trade-filters.ts";
import { TagInput } from "./tag-input.tsx";

const MODES: Readonly<Record<TagKey, string>> = {
  tag: "Has any of",
  tagAll: "Has all of",
  tagNone: "Has none of",
};

/** The user's tags, then one "group:*" per group (any tag of the group). */
function withGroups(tags: readonly string[]): string[] {
  const groups = new Set(tags.filter((t) => t.includes(":")).map((t) => `${t.slice(0, t.indexOf(":"))}:*`));
  return [...tags, ...[...groups].sort()];
}

export function TagFilter({
  filters,
  onChange,
}: {
  filters: TradeFilters;
  onChange: (next: TradeFilters) => void;
}) {
  const suggestions = useTagSuggestions();
  const mode = TAG_KEYS.find((k) => filters[k] !== undefined) ?? "tag";
  const tags = tagsOfFilter(filters[mode]);
  // Tag filters of the other modes, from a shared link: shown, not lost.
  const others = TAG_KEYS.filter((k) => k !== mode && filters[k] !== undefined);
  const set = (key: TagKey, next: readonly string[]) => {
    const out = { ...filters };
    delete out[mode];
    if (next.length > 0) out[key] = next.join(",");
    onChange(out);
  };
  return (
    <div className="field tag-filter">
      <label htmlFor="f-tag-mode">Tags</label>
      <select id="f-tag-mode" value={mode} onChange={(e) => set(e.target.value as TagKey, tags)}>
        {TAG_KEYS.map((k) => (
          <option key={k} value={k}>
            {MODES[k]}
          </option>
        ))}
      </select>
      <TagInput
        tags={tags}
        onChange={(next) => set(mode, next)}
        suggestions={withGroups((suggestions.data?.tags ?? []).map((t) => t.tag))}
        label="Filter by tag"
        listLabel={`Tags the trades ${MODES[mode].toLowerCase()}`}
        placeholder="breakout, setup:*"
      />
      {others.map((k) => (
        <p key={k} className="small muted">
          Also: {MODES[k].toLowerCase()} {tagsOfFilter(filters[k]).join(", ")}
        </p>
      ))}
    </div>
  );
}
