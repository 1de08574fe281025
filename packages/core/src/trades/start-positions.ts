// Rule 11: a statement window starts mid-history. When the account's latest statement lists its OpenPositions,
// the position held before the first row is that end position minus everything the rows changed.
import { type Decimal, ZERO } from "../money.ts";
import type { FlexData, OpenPositionRow, StatementMeta } from "../types.ts";
import { instrumentKey } from "./instrument-key.ts";
import type { TimelineEvent } from "./timeline-event.ts";

export interface StartPositions {
  /** Accounts whose latest statement has an OpenPositions section (present-but-empty counts). */
  readonly accountsWithPositions: ReadonlySet<string>;
  /** Instrument key → non-zero position held before the first row. */
  readonly start: ReadonlyMap<string, Decimal>;
  /** Instrument key → the end row, for naming positions no row of the window touches. */
  readonly endRows: ReadonlyMap<string, OpenPositionRow>;
}

/** What the simulation holds of one instrument, and its net change once it differs from that (see below). */
interface StartSums {
  held: Decimal;
  net: Decimal;
}

export function startPositions(data: FlexData, timeline: readonly TimelineEvent[]): StartPositions {
  const latest = new Map<string, StatementMeta>();
  for (const s of data.statements) {
    const cur = latest.get(s.accountId);
    // Later toDate wins; on a tie (the same statement twice) the later one in the files.
    if (cur === undefined || (s.toDate ?? "") >= (cur.toDate ?? "")) latest.set(s.accountId, s);
  }
  const accounts = new Set<string>();
  const wanted = new Set<number>();
  for (const [account, s] of latest) {
    if (s.sections.includes("OpenPositions")) {
      accounts.add(account);
      wanted.add(s.index);
    }
  }
  const endRows = new Map<string, OpenPositionRow>();
  if (accounts.size === 0) return { accountsWithPositions: accounts, start: new Map(), endRows };
  for (const row of data.openPositions) {
    if (wanted.has(row.statementIndex) && accounts.has(row.accountId)) {
      endRows.set(instrumentKey(row.accountId, row), row);
    }
  }

  // Net change per instrument, simulated from a zero start: executions and splits are plain deltas; a synthetic
  // option close depends on the position, so it closes what the simulation holds, and when the simulation holds
  // nothing it must be closing a pre-window position: its written quantity (IB writes it with the closing
  // trade's sign, e.g. +6 for short calls expiring) is taken as that change (ADR 0003).
  const sums = new Map<string, StartSums>();
  const sumsOf = (k: string): StartSums => {
    let s = sums.get(k);
    if (s === undefined) {
      s = { held: ZERO, net: ZERO };
      sums.set(k, s);
    }
    return s;
  };
  const add = (s: StartSums, quantity: Decimal) => {
    s.held = s.held.plus(quantity);
    s.net = s.net.plus(quantity);
  };
  for (const ev of timeline) {
    if (ev.kind === "execution") {
      if (accounts.has(ev.exec.accountId)) add(sumsOf(ev.key), ev.exec.quantity);
    } else if (ev.kind === "split") {
      if (accounts.has(ev.accountId)) for (const r of ev.rows) add(sumsOf(r.key), r.row.quantity);
    } else if (accounts.has(ev.event.accountId)) {
      const s = sumsOf(ev.key);
      const p = s.held;
      if (p.isZero()) s.net = s.net.plus(ev.event.quantity);
      else add(s, minDecimal(ev.event.quantity.abs(), p.abs()).times(p.isPositive() ? -1 : 1));
    }
  }
  const start = new Map<string, Decimal>();
  for (const k of new Set([...endRows.keys(), ...sums.keys()])) {
    const sum = sums.get(k);
    const net = sum === undefined ? ZERO : sum.net;
    const s = (endRows.get(k)?.position ?? ZERO).minus(net);
    if (!s.isZero()) start.set(k, s);
  }
  return { accountsWithPositions: accounts, start, endRows };
}

function minDecimal(a: Decimal, b: Decimal): Decimal {
  return a.lte(b) ? a : b;
}
