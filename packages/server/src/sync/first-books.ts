// A user's first statement can be large (a year of an active trader: 100k executions) and its trade books
// depend on nothing stored, so they are built on a worker thread while the import stores the rows: on the
// embedded database both would otherwise take turns on the main thread, which also runs PGlite (about 1 s of
// a 100k-execution first import was the build, the encoding and the compression of the books).
//
// importFlexData calls startFirstBooks as soon as it knows the statement is the user's first, and hands what
// it returns to rebuildAccountTrades (as `first.started`). The worker parses the XML itself: handing it the parsed statement
// would mean cloning 100k objects on the main thread, which is the thread this is meant to spare.
import { Worker } from "node:worker_threads";
import type { FirstStatement } from "../db/import-flex-data.ts";
import type { PackedTradeBook } from "../db/packed-trade-book.ts";
import { workerEntry } from "../worker-entry.ts";
import type { FirstBooksJob, FirstBooksReply } from "./first-books-job.ts";

/** Below this, building in the import itself is cheaper than starting a thread. */
export const FIRST_BOOKS_WORKER_MIN_EXECUTIONS = 20_000;

export type PackedBooks = ReadonlyMap<string, PackedTradeBook>;

/**
 * Starts building the statement's books off the main thread when it is large enough to be worth it, else
 * returns null. The promise gives the books by IB account id, or null when the worker failed (the caller then
 * builds them itself: a worker that cannot start must not fail the import).
 */
export function startFirstBooks(
  first: FirstStatement,
  minExecutions: number = FIRST_BOOKS_WORKER_MIN_EXECUTIONS,
): Promise<PackedBooks | null> | null {
  if (first.data.executions.length < minExecutions) return null;
  return buildInWorker({ rawXml: first.rawXml });
}

function buildInWorker(job: FirstBooksJob): Promise<PackedBooks | null> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      const entry = workerEntry(import.meta.url, "./first-books.worker.mjs", "./first-books-job.js");
      worker = new Worker(entry.url, {
        workerData: job,
        // Not the host's flags: the entry brings what it needs (worker-entry.ts).
        execArgv: entry.execArgv,
        // A young generation as large as the main thread's (package.json runs node with a 64 MB semi-space,
        // ADR 0009): parsing and building make short-lived garbage by the hundred megabytes.
        resourceLimits: { maxYoungGenerationSizeMb: 192 },
      });
    } catch (error) {
      warn(error);
      resolve(null);
      return;
    }
    worker.unref();
    worker.once("message", (reply: FirstBooksReply) => {
      if (reply.ok) {
        resolve(new Map(reply.books.map(([ib, gzip, tradeCount]) => [ib, { gzip, tradeCount }])));
      } else {
        warn(reply.error);
        resolve(null);
      }
    });
    worker.once("error", (error) => {
      warn(error);
      resolve(null);
    });
    worker.once("exit", () => resolve(null)); // no-op once a reply has settled the promise
  });
}

function warn(error: unknown): void {
  const reason = error instanceof Error ? error.message : String(error);
  console.warn(
    `closeout: building trade books on a worker thread failed (${reason}); building them in the import instead`,
  );
}
