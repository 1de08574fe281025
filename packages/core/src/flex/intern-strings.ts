// Saxes hands out attribute values as slices of the input chunk; keeping one would keep the whole chunk alive.

/** Printable ASCII without `"` and `\`: safe to wrap in quotes and read back with JSON.parse. */
const PLAIN_JSON_TEXT = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * A flat copy of `s` that does not reference the chunk it was cut from. V8 copies short substrings (< 13 chars)
 * anyway; for longer ones JSON.parse builds a fresh exact-size string (ids like ibExecID are plain ASCII).
 */
export function detachString(s: string): string {
  if (s.length < 13) return s;
  return PLAIN_JSON_TEXT.test(s) ? (JSON.parse(`"${s}"`) as string) : ` ${s}`.slice(1);
}

export type Interner = (s: string) => string;

/** Shares one detached copy per distinct value (symbols, currencies, dates repeat on every row). */
export function createInterner(limit = 50_000): Interner {
  let seen = new Map<string, string>();
  return (s: string): string => {
    const hit = seen.get(s);
    if (hit !== undefined) return hit;
    if (seen.size >= limit) seen = new Map();
    const copy = detachString(s);
    seen.set(copy, copy);
    return copy;
  };
}
