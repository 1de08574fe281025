// Saxes hands out attribute values as slices of the input chunk; keeping one would keep the whole chunk alive.

/**
 * A flat copy of `s` that does not reference the chunk it was cut from. V8 copies short substrings (< 13 chars)
 * anyway; longer ones are flattened through a cons string so only the copy is retained.
 */
export function detachString(s: string): string {
  return s.length < 13 ? s : ` ${s}`.slice(1);
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
