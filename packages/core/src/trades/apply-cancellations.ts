// Rule 3: IB reports a busted trade as a TradeCancel / `Ca` row pointing at the original through origTradeID;
// both disappear. A correction's rebooked row (same tradeID, new transactionID) stays an ordinary execution.
import type { Execution, Issue } from "../types.ts";
import { compareIds, idOrderKey } from "./compare-ids.ts";

export function applyCancellations(executions: readonly Execution[]): { kept: Execution[]; issues: Issue[] } {
  const cancels: Execution[] = [];
  for (let i = 0; i < executions.length; i++) if (executions[i]!.isCancel) cancels.push(executions[i]!);
  if (cancels.length === 0) return { kept: [...executions], issues: [] };
  // Only the tradeIDs some cancel points at are indexed: cancels are rare, and a key per row is not free.
  // Candidates are kept as their index, and a cancelled one is marked in `cancelled` by it.
  const wanted = new Set<string>();
  for (const c of cancels) if (c.origTradeId !== null) wanted.add(c.origTradeId);
  const byTradeId = new Map<string, number[]>();
  for (let i = 0; i < executions.length; i++) {
    const e = executions[i]!;
    if (!e.isCancel && e.tradeId !== null && wanted.has(e.tradeId)) {
      const k = `${e.accountId}\u0000${e.tradeId}`;
      const list = byTradeId.get(k);
      if (list === undefined) byTradeId.set(k, [i]);
      else list.push(i);
    }
  }

  // Earlier cancels claim their originals first, so two cancels of one tradeID take two different rows.
  cancels.sort((a, b) => a.timeMs - b.timeMs || a.fileOrder - b.fileOrder);
  const cancelled = new Uint8Array(executions.length);
  const issues: Issue[] = [];
  for (const c of cancels) {
    const candidates =
      c.origTradeId === null ? [] : (byTradeId.get(`${c.accountId}\u0000${c.origTradeId}`) ?? []);
    const target = pickCancelled(c, executions, candidates, cancelled);
    if (target === -1) {
      issues.push({
        code: "cancel-without-match",
        path: `Trade(transactionID=${c.transactionId ?? "?"}, origTradeID=${c.origTradeId ?? "?"})`,
        message: `cancellation of tradeID ${c.origTradeId ?? "(none)"} in ${c.accountId} matches no earlier execution; cancel row ignored`,
      });
    } else {
      cancelled[target] = 1;
    }
  }
  const kept: Execution[] = [];
  for (let i = 0; i < executions.length; i++) {
    const e = executions[i]!;
    if (!e.isCancel && cancelled[i] === 0) kept.push(e);
  }
  return { kept, issues };
}

/** "Earlier" includes the same second: IB often stamps the cancel with the original's own dateTime. */
function pickCancelled(
  cancel: Execution,
  executions: readonly Execution[],
  candidates: readonly number[],
  taken: Uint8Array,
): number {
  let best = -1;
  for (const i of candidates) {
    const e = executions[i]!;
    if (taken[i] === 1 || e.timeMs > cancel.timeMs) continue;
    if (best === -1 || prefer(e, executions[best]!, cancel) < 0) best = i;
  }
  return best;
}

function prefer(a: Execution, b: Execution, cancel: Execution): number {
  const opposite = (e: Execution) => (e.quantity.eq(cancel.quantity.negated()) ? 0 : 1);
  return (
    opposite(a) - opposite(b) ||
    compareIds(idOrderKey(a.transactionId), idOrderKey(b.transactionId)) ||
    a.fileOrder - b.fileOrder
  );
}
