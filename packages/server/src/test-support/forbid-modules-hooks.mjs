// Module hooks of forbid-modules.mjs (they run on the loader's own thread).
import { appendFileSync } from "node:fs";

let patterns = [];
let log = "";

export function initialize(data) {
  patterns = data.patterns;
  log = data.log;
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  const hit = patterns.find((pattern) => resolved.url.includes(pattern));
  if (hit !== undefined) {
    if (log) appendFileSync(log, `${resolved.url}\n`);
    throw new Error(`forbidden module loaded: ${resolved.url}`);
  }
  return resolved;
}
