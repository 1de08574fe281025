// Rules 1–4: from the parser's rows to the executions that take part in trades, each with its instrument key,
// multiplier and integer id for ordering.
import type { Decimal } from "../money.ts";
import type { Execution, FlexData, Issue } from "../types.ts";
import { applyCancellations } from "./apply-cancellations.ts";
import { compareIds, idToBigInt } from "./compare-ids.ts";
import { dedupeExecutions } from "./dedupe-executions.ts";
import { instrumentKey } from "./instrument-key.ts";
import type { MultiplierResolver } from "./resolve-multiplier.ts";

export interface PreparedExecution {
  readonly exec: Execution;
  readonly key: string;
  readonly multiplier: Decimal;
  /** `transactionID`, else `ibExecID` (rule 7's executionIds); null when the row has neither. */
  readonly id: string | null;
  /** `transactionID` as an integer for rule 5 ordering. */
  readonly order: bigint | null;
}

export function prepareExecutions(
  data: FlexData,
  multiplierOf: MultiplierResolver,
): { executions: PreparedExecution[]; issues: Issue[] } {
  // Rule 1: currency conversions (incl. AutoFX) never touch trades, positions or unmatched.
  const trades = data.executions.filter((e) => !e.isConversion);
  const unique = dedupeExecutions(trades);
  const { kept, issues } = applyCancellations(unique);
  const executions = kept.map((exec) => ({
    exec,
    key: instrumentKey(exec.accountId, exec),
    multiplier: multiplierOf(exec),
    id: exec.transactionId ?? exec.ibExecId,
    order: idToBigInt(exec.transactionId),
  }));
  executions.sort(compareExecutions);
  return { executions, issues };
}

/** Rule 5: time, then transactionID as an integer (missing last), then file order. */
export function compareExecutions(a: PreparedExecution, b: PreparedExecution): number {
  return a.exec.timeMs - b.exec.timeMs || compareIds(a.order, b.order) || a.exec.fileOrder - b.exec.fileOrder;
}
