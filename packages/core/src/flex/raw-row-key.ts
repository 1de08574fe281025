// rule 2: a row without transactionID and ibExecID is identified by all of its attributes.
import { type Attrs, presentValue } from "./read-attr.ts";

/** Canonical text of every attribute (sorted by name, trimmed, null markers as empty), flat and detached. */
export function rawRowKey(a: Attrs): string {
  const names = [...a.names()].sort();
  const parts: string[] = [];
  for (const name of names) parts.push(`${name}=${presentValue(a.get(name) ?? "") ?? ""}`);
  return parts.join("\u001f");
}
