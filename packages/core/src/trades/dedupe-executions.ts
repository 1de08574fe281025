// Rule 2: the same statement twice, or overlapping files, must count each execution once.
import type { Execution } from "../types.ts";

/** Position in the output of the first row per transactionID, ibExecID and raw row key. */
interface AccountIndex {
  readonly byTransactionId: Map<string, number>;
  readonly byExecId: Map<string, number>;
  readonly byRawKey: Map<string, number>;
}

/**
 * A row's identity is (account, transactionID), else (account, ibExecID), else the row's full attribute set.
 * Keeps the copy that appears first (lowest fileOrder), so output never depends on which file came second.
 * The index is per account and kind rather than one concatenated key: no string is built per row. The result
 * is in the order each identity was first seen.
 */
export function dedupeExecutions(executions: readonly Execution[]): Execution[] {
  const out: Execution[] = [];
  const byAccount = new Map<string, AccountIndex>();
  // Indexed loops over the 100k rows here and in the other builder passes: for…of allocated an iterator
  // result per row in these functions.
  for (let i = 0; i < executions.length; i++) {
    const e = executions[i]!;
    let index = byAccount.get(e.accountId);
    if (index === undefined) {
      index = { byTransactionId: new Map(), byExecId: new Map(), byRawKey: new Map() };
      byAccount.set(e.accountId, index);
    }
    let slots: Map<string, number>;
    let id: string;
    if (e.transactionId !== null) {
      slots = index.byTransactionId;
      id = e.transactionId;
    } else if (e.ibExecId !== null) {
      slots = index.byExecId;
      id = e.ibExecId;
    } else {
      slots = index.byRawKey;
      id = e.rawKey;
    }
    const at = slots.get(id);
    if (at === undefined) {
      slots.set(id, out.length);
      out.push(e);
    } else if (e.fileOrder < out[at]!.fileOrder) {
      out[at] = e;
    }
  }
  return out;
}
