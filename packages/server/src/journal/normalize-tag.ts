// Tags are free text, normalised so that "Breakout", " breakout " and "BREAKOUT" are one tag: NFKC, trimmed,
// lower case, inner spaces as "-". An optional group goes before a colon: "setup:breakout", "mistake:late-entry".
export const MAX_TAG_LENGTH = 40;
export const MAX_TAGS_PER_TRADE = 20;

const PART = /^[\p{L}\p{N}][\p{L}\p{N}._\-/+#&]*$/u;

export type TagResult = { readonly tag: string } | { readonly error: string };

export function normalizeTag(raw: string): TagResult {
  const tag = raw.normalize("NFKC").trim().toLowerCase().replace(/\s+/g, "-");
  if (tag.length === 0) return { error: "must not be empty" };
  if (tag.length > MAX_TAG_LENGTH) return { error: `must be at most ${MAX_TAG_LENGTH} characters` };
  const parts = tag.split(":");
  if (parts.length > 2) return { error: 'may hold one ":" (group:tag) at most' };
  if (!parts.every((p) => PART.test(p)))
    return { error: "must be letters, digits and - _ . / + # &, starting with a letter or digit" };
  return { tag };
}

/** The group of a tag ("setup" of "setup:breakout"), null without one. */
export function tagGroup(tag: string): string | null {
  const at = tag.indexOf(":");
  return at < 0 ? null : tag.slice(0, at);
}

/** Distinct, sorted tags; throws nothing, returns the first bad tag's message. */
export function normalizeTags(raw: readonly string[]): { tags: string[] } | { error: string } {
  if (raw.length > MAX_TAGS_PER_TRADE) return { error: `at most ${MAX_TAGS_PER_TRADE} tags` };
  const tags = new Set<string>();
  for (const r of raw) {
    const n = normalizeTag(r);
    if ("error" in n) return { error: `tag "${r.slice(0, MAX_TAG_LENGTH)}" ${n.error}` };
    tags.add(n.tag);
  }
  return { tags: [...tags].sort() };
}
