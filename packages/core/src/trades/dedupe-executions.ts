// Rule 2: the same statement twice, or overlapping files, must count each execution once.
import type { Execution } from "../types.ts";

/** (account, transactionID), else (account, ibExecID), else the row's full attribute set. */
export function duplicateKey(e: Execution): string {
  if (e.transactionId !== null) return `${e.accountId}\u0000t\u0000${e.transactionId}`;
  if (e.ibExecId !== null) return `${e.accountId}\u0000e\u0000${e.ibExecId}`;
  return `${e.accountId}\u0000r\u0000${e.rawKey}`;
}

/** Keeps the copy that appears first (lowest fileOrder), so output never depends on which file came second. */
export function dedupeExecutions(executions: readonly Execution[]): Execution[] {
  const firstByKey = new Map<string, Execution>();
  for (const e of executions) {
    const k = duplicateKey(e);
    const seen = firstByKey.get(k);
    if (seen === undefined || e.fileOrder < seen.fileOrder) firstByKey.set(k, e);
  }
  return [...firstByKey.values()];
}
