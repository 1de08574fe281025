// Rule 10: CorporateAction rows that change a position without cash, grouped into one action each.
import type { CorporateAction, FlexData } from "../types.ts";
import { instrumentKey } from "./instrument-key.ts";
import type { MultiplierResolver } from "./resolve-multiplier.ts";
import type { SplitEvent } from "./timeline-event.ts";

/** Forward split, reverse split, fractional-share adjustment, CUSIP change, ISIN change. */
export const SPLIT_TYPES: ReadonlySet<string> = new Set(["FS", "RS", "FI", "CS", "IC"]);

/** "GCM(CA38501D2041) SPLIT 1 FOR 25 (GCM.OLD, …)" → "GCM(CA38501D2041) SPLIT 1 FOR 25": same for old and new line. */
function descriptionHead(description: string | null): string {
  if (description === null) return "";
  const i = description.indexOf(" (");
  return i < 0 ? description : description.slice(0, i);
}

export function splitEvents(data: FlexData, multiplierOf: MultiplierResolver): SplitEvent[] {
  const groups = new Map<string, CorporateAction[]>();
  const seen = new Set<string>();
  for (const row of data.corporateActions) {
    if (!SPLIT_TYPES.has(row.type)) continue;
    // Overlapping statements repeat the rows; a split applied twice would double the position.
    const key = instrumentKey(row.accountId, row);
    const dedupe = `${key}\u0000${row.type}\u0000${row.dateTimeRaw}\u0000${row.actionId ?? ""}\u0000${row.quantity.toString()}\u0000${row.description ?? ""}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    const g = `${row.accountId}\u0000${row.type}\u0000${row.dateTimeRaw}`;
    const list = groups.get(g);
    if (list === undefined) groups.set(g, [row]);
    else list.push(row);
  }
  const out: SplitEvent[] = [];
  for (const rows of groups.values()) {
    for (const action of separateActions(rows)) {
      const first = action[0]!;
      out.push({
        kind: "split",
        timeMs: first.timeMs,
        fileOrder: Math.min(...action.map((r) => r.fileOrder)),
        accountId: first.accountId,
        type: first.type,
        rows: action
          .slice()
          .sort((a, b) => a.fileOrder - b.fileOrder)
          .map((row) => ({ row, key: instrumentKey(row.accountId, row), multiplier: multiplierOf(row) })),
      });
    }
  }
  return out;
}

/** Only when rows of one (account, type, dateTime) name different actions does the description split them. */
function separateActions(rows: readonly CorporateAction[]): CorporateAction[][] {
  const byHead = new Map<string, CorporateAction[]>();
  for (const r of rows) {
    const h = descriptionHead(r.description);
    const list = byHead.get(h);
    if (list === undefined) byHead.set(h, [r]);
    else list.push(r);
  }
  if (byHead.size <= 1) return [[...rows]];
  // Rows without a description cannot be placed; they join the first action rather than form their own.
  const blank = byHead.get("");
  byHead.delete("");
  const actions = [...byHead.values()];
  if (blank !== undefined) actions[0]!.push(...blank);
  return actions;
}
