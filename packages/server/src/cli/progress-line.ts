import type { FlexProgress } from "../flex-client/flex-client.ts";
import type { SyncProgress } from "../sync/sync-link.ts";

/** One line of the CLI's progress display (written to stderr, so --json output stays clean). */
export function describeProgress(p: FlexProgress | SyncProgress | { phase: "importing" }): string {
  switch (p.phase) {
    case "requesting":
      return "… asking IB for the statement";
    case "waiting":
      return `… IB is still generating it (try ${"poll" in p ? p.poll : "?"})`;
    case "downloading":
      return "… downloading the statement";
    case "done":
      return "… downloaded";
    case "parsing":
      return "… reading the statement";
    case "importing":
      return "executions" in p && p.executions !== undefined
        ? `… storing ${p.executions} executions`
        : "… storing executions and rebuilding trades";
    case "finished":
      return "… done";
    default:
      return "…";
  }
}
