// Rules 1 and 2: currency conversions are not trades, and the same statement twice, or overlapping files, must
// count each execution once.
import type { Execution } from "../types.ts";

/** Position in the output of the first row per transactionID, ibExecID and raw row key. */
interface AccountIndex {
  readonly byTransactionId: Map<string, number>;
  readonly byExecId: Map<string, number>;
  readonly byRawKey: Map<string, number>;
}

export interface UniqueExecutions {
  /** The rows that take part in trades, each identity once. */
  readonly unique: Execution[];
  /** How many of them are cancellations (rule 3): none, nearly always, and then there is nothing to match. */
  readonly cancels: number;
}

/**
 * Leaves out CASH rows (rule 1, conversions never touch trades) and repeats (rule 2). A row's identity is
 * (account, transactionID), else (account, ibExecID), else the row's full attribute set. Keeps the copy that
 * appears first (lowest fileOrder), so output never depends on which file came second. The index is per
 * account and kind rather than one concatenated key: no string is built per row. The result is in the order
 * each identity was first seen.
 */
export function dedupeExecutions(executions: readonly Execution[]): UniqueExecutions {
  const unique: Execution[] = [];
  let cancels = 0;
  const byAccount = new Map<string, AccountIndex>();
  let lastAccount: string | null = null;
  let index: AccountIndex | undefined;
  // Indexed loops over the 100k rows here and in the other builder passes: for…of allocated an iterator
  // result per row in these functions.
  for (let i = 0; i < executions.length; i++) {
    const e = executions[i]!;
    if (e.isConversion) continue;
    // Rows come grouped by account: one Map lookup per run of an account.
    if (e.accountId !== lastAccount || index === undefined) {
      lastAccount = e.accountId;
      index = byAccount.get(e.accountId);
      if (index === undefined) {
        index = {
          byTransactionId: new Map(),
          byExecId: new Map(),
          byRawKey: new Map(),
        };
        byAccount.set(e.accountId, index);
      }
    }
    const slots =
      e.transactionId !== null
        ? index.byTransactionId
        : e.ibExecId !== null
          ? index.byExecId
          : index.byRawKey;
    const id = e.transactionId ?? e.ibExecId ?? e.rawKey;
    const at = slots.get(id) ?? -1;
    if (at < 0) slots.set(id, unique.length);
    if (at < 0) {
      unique.push(e);
      if (e.isCancel) cancels += 1;
    } else if (e.fileOrder < unique[at]!.fileOrder) {
      cancels += (e.isCancel ? 1 : 0) - (unique[at]!.isCancel ? 1 : 0);
      unique[at] = e;
    }
  }
  return { unique, cancels };
}
