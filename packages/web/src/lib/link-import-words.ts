// A new link's first import in plain words, as the link wizard follows it: the server's queue runs it, so
// the page says where it stands and, when IB is slow, that closeout keeps trying by itself.
import type { LinkImport } from "../api/types.ts";
import { formatCount } from "./format.ts";

export function linkImportFinished(i: Pick<LinkImport, "state">): boolean {
  return i.state === "done" || i.state === "failed";
}

const executions = (n: number) => `${formatCount(n)} execution${n === 1 ? "" : "s"}`;

export function linkImportWords(i: LinkImport): string {
  switch (i.state) {
    case "queued":
      if (i.message) return i.message;
      return i.statementExecutions === null
        ? "Waiting for its turn…"
        : `Your statement (${executions(i.statementExecutions)}) is waiting for its turn to be imported…`;
    case "pulling":
      return "Asking IB for your statement. IB can take a minute to prepare it.";
    case "importing":
      return i.statementExecutions === null
        ? "Importing your statement and building your trades…"
        : `Importing ${executions(i.statementExecutions)} and building your trades…`;
    case "retrying":
      return `${i.message ?? "The import did not finish."} closeout tries again by itself (${i.attempts === 1 ? "1 try" : `${formatCount(i.attempts)} tries`} so far); you can leave this page.`;
    case "done": {
      const added = i.executionsAdded ?? 0;
      const existing = i.executionsExisting ?? 0;
      const trades = i.trades ?? 0;
      return `Imported ${executions(added)}${existing > 0 ? ` (${formatCount(existing)} already stored)` : ""}: ${formatCount(trades)} closed trade${trades === 1 ? "" : "s"}.`;
    }
    default:
      return i.message ?? "The import did not finish.";
  }
}
