// IB writes "absent" four ways: "", "--", "N/A" and "-" (e.g. accountId="-" on corporate-action rows).

import type { Attrs } from "./row-attributes.ts";

export type { Attrs };

/** The trimmed value, or null when empty or a null marker. */
export function presentValue(raw: string): string | null {
  let s = raw;
  const n = s.length;
  if (n === 0) return null;
  if (s.charCodeAt(0) <= 32 || s.charCodeAt(n - 1) <= 32) {
    s = s.trim();
    if (s.length === 0) return null;
  }
  if (s.length <= 3 && (s === "-" || s === "--" || s === "N/A")) return null;
  return s;
}

export function readAttr(attrs: Attrs, name: string): string | null {
  const raw = attrs.get(name);
  return raw === undefined ? null : presentValue(raw);
}
