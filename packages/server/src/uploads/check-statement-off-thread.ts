// An uploaded statement is first read on a worker thread with a memory limit of its own: whatever the input,
// the server's event loop keeps answering and its heap does not grow with it. Only a statement that passes
// (the parser's limits, well-formed, a Flex statement) is parsed again for the import, in steps
// (parse-flex-in-steps.ts). The worker is started like first-books.ts's (worker-entry.ts).
import { Worker } from "node:worker_threads";
import { FlexFormatError, type FlexFormatErrorCode, type FlexInputLimits } from "@closeout/core";
import { AppError } from "../app-error.ts";
import { workerEntry } from "../worker-entry.ts";
import type { CheckStatementJob, CheckStatementReply } from "./check-statement-job.ts";

/** Heap of the checking worker: room for the rows of a statement at the default upload limit, with margin. */
export const CHECK_WORKER_HEAP_MB = 512;

export function checkStatementOffThread(
  bytes: Uint8Array,
  limits: Partial<FlexInputLimits> = {},
  heapMb: number = CHECK_WORKER_HEAP_MB,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const job: CheckStatementJob = { bytes, limits };
    const entry = workerEntry(import.meta.url, "./check-statement.worker.mjs", "./check-statement-job.js");
    const worker = new Worker(entry.url, {
      workerData: job,
      // Not the host's flags: the entry brings what it needs (worker-entry.ts).
      execArgv: entry.execArgv,
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    });
    let settled = false;
    const settle = (error: unknown) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      if (error === null) resolve();
      else reject(error);
    };
    worker.once("message", (reply: CheckStatementReply) =>
      settle(reply.ok ? null : new FlexFormatError(reply.code as FlexFormatErrorCode, reply.message)),
    );
    worker.once("error", (error: Error & { code?: string }) =>
      settle(
        error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? new AppError(
              "payload-too-large",
              "reading this statement needs more memory than an upload may use; upload a shorter date range",
            )
          : error,
      ),
    );
    worker.once("exit", (code) => settle(new Error(`the statement check stopped early (exit ${code})`)));
  });
}
