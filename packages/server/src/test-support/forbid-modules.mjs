// `node --import ./forbid-modules.mjs`: makes loading any module whose resolved URL matches one of the patterns
// in CLOSEOUT_FORBIDDEN_MODULES (comma-separated substrings) fail, and records it in CLOSEOUT_FORBIDDEN_LOG.
// The lazy-commands test uses it to prove that offline commands never load the server's heavy dependencies.
import { register } from "node:module";

register("./forbid-modules-hooks.mjs", import.meta.url, {
  data: {
    patterns: (process.env.CLOSEOUT_FORBIDDEN_MODULES ?? "").split(",").filter(Boolean),
    log: process.env.CLOSEOUT_FORBIDDEN_LOG ?? "",
  },
});
