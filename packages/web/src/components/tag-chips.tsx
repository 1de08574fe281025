// A trade's journal tags as small read-only chips (lists and day pages); nothing when it has none.
export function TagChips({ tags, label = "Tags" }: { tags: readonly string[]; label?: string }) {
  if (tags.length === 0) return null;
  return (
    <ul className="tag-list compact" aria-label={label}>
      {tags.map((tag) => (
        <li key={tag} className="tag-chip">
          {tag}
        </li>
      ))}
    </ul>
  );
}
