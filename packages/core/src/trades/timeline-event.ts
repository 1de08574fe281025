// The three things that move a position, merged into one time line (rule 5 for executions; rules 9 and 10
// add synthetic closes and splits "ordered with the executions by time").
import type { Decimal } from "../money.ts";
import type { CorporateAction, OptionEvent } from "../types.ts";
import { compareIds } from "./compare-ids.ts";
import type { PreparedExecution } from "./prepare-executions.ts";

/** A prepared execution is its own event. */
export type ExecutionEvent = PreparedExecution;

export interface OptionCloseEvent {
  readonly kind: "option-close";
  readonly timeMs: number;
  readonly time: string;
  readonly fileOrder: number;
  readonly key: string;
  readonly multiplier: Decimal;
  readonly event: OptionEvent;
}

export interface SplitRow {
  readonly row: CorporateAction;
  readonly key: string;
  readonly multiplier: Decimal;
}

export interface SplitEvent {
  readonly kind: "split";
  readonly timeMs: number;
  readonly fileOrder: number;
  readonly accountId: string;
  readonly type: string;
  readonly rows: readonly SplitRow[];
}

export type TimelineEvent = ExecutionEvent | OptionCloseEvent | SplitEvent;

const KIND_RANK = { execution: 0, "option-close": 1, split: 2 } as const;

/**
 * Time first; at the same second executions go by transactionID (rule 5), then synthetic closes and splits
 * (they carry no transactionID, and missing ids sort last), then file order.
 */
export function compareEvents(a: TimelineEvent, b: TimelineEvent): number {
  return (
    a.timeMs - b.timeMs ||
    compareIds(a.kind === "execution" ? a.order : null, b.kind === "execution" ? b.order : null) ||
    KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
    a.fileOrder - b.fileOrder
  );
}
