// Rules 1–4: from the parser's rows to the executions that take part in trades, each with its instrument key,
// multiplier and integer id for ordering.
import type { Decimal } from "../money.ts";
import type { Execution, FlexData, Issue } from "../types.ts";
import { applyCancellations } from "./apply-cancellations.ts";
import { compareIds, idOrderKey } from "./compare-ids.ts";
import { dedupeExecutions } from "./dedupe-executions.ts";
import { instrumentKey } from "./instrument-key.ts";
import type { MultiplierResolver } from "./resolve-multiplier.ts";

/**
 * An execution ready for the time line, and itself the time line's event for it (one object per row, not two:
 * 100k rows each kept alive through the whole build).
 */
export interface PreparedExecution {
  readonly kind: "execution";
  readonly timeMs: number;
  readonly fileOrder: number;
  readonly exec: Execution;
  readonly key: string;
  readonly multiplier: Decimal;
  /** `transactionID`, else `ibExecID` (rule 7's executionIds); null when the row has neither. */
  readonly id: string | null;
  /** `transactionID` for rule 5 ordering, as compare-ids.ts's integer key. */
  readonly order: string | null;
}

export function prepareExecutions(
  data: FlexData,
  multiplierOf: MultiplierResolver,
): { executions: PreparedExecution[]; issues: Issue[] } {
  // Rule 1: currency conversions (incl. AutoFX) never touch trades, positions or unmatched.
  const trades = data.executions.filter((e) => !e.isConversion);
  const unique = dedupeExecutions(trades);
  const { kept, issues } = applyCancellations(unique);
  const keyOf = createKeyInterner();
  const executions = kept.map(
    (exec): PreparedExecution => ({
      kind: "execution",
      timeMs: exec.timeMs,
      fileOrder: exec.fileOrder,
      exec,
      key: keyOf(exec),
      multiplier: multiplierOf(exec),
      id: exec.transactionId ?? exec.ibExecId,
      order: idOrderKey(exec.transactionId),
    }),
  );
  executions.sort(compareExecutions);
  return { executions, issues };
}

/**
 * instrumentKey, one string object per instrument: the time line and start positions look every execution's
 * key up in a Map, and a key built per row is a fresh concatenation that each lookup must flatten, hash and
 * compare character by character. Rows with a conid (nearly all) find it through two short flat strings.
 */
function createKeyInterner(): (exec: Execution) => string {
  const byAccount = new Map<string, Map<string, string>>();
  return (exec) => {
    if (exec.conid === null) return instrumentKey(exec.accountId, exec);
    let byConid = byAccount.get(exec.accountId);
    if (byConid === undefined) {
      byConid = new Map();
      byAccount.set(exec.accountId, byConid);
    }
    let key = byConid.get(exec.conid);
    if (key === undefined) {
      key = instrumentKey(exec.accountId, exec);
      byConid.set(exec.conid, key);
    }
    return key;
  };
}

/** Rule 5: time, then transactionID as an integer (missing last), then file order. */
export function compareExecutions(a: PreparedExecution, b: PreparedExecution): number {
  return a.timeMs - b.timeMs || compareIds(a.order, b.order) || a.fileOrder - b.fileOrder;
}
