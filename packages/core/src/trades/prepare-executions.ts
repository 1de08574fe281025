// Rules 1–4: from the parser's rows to the executions that take part in trades, each with its instrument key,
// multiplier and integer id for ordering.
import type { Decimal } from "../money.ts";
import type { Execution, FlexData, Issue } from "../types.ts";
import { applyCancellations } from "./apply-cancellations.ts";
import { compareIds, idOrderKey } from "./compare-ids.ts";
import { dedupeExecutions } from "./dedupe-executions.ts";
import { instrumentKey } from "./instrument-key.ts";
import { type MultiplierResolver, usableMultiplier } from "./resolve-multiplier.ts";

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

export interface PreparedExecutions {
  /** In rule-5 order. */
  readonly executions: PreparedExecution[];
  /** Those of the `watched` instruments at price 0, in input order: rule 9's possible booking rows. */
  readonly zeroPriced: PreparedExecution[];
  readonly issues: Issue[];
}

/**
 * `watched`: the instrument keys of OptionEAE rows. Their rows at price 0 are collected on the way (rule 9),
 * rather than in another pass over every execution's price.
 */
export function prepareExecutions(
  data: FlexData,
  multiplierOf: MultiplierResolver,
  watched: ReadonlySet<string> = new Set(),
): PreparedExecutions {
  // Rule 1: currency conversions (incl. AutoFX) never touch trades, positions or unmatched.
  const { unique, cancels } = dedupeExecutions(data.executions);
  const { kept, issues } = cancels === 0 ? { kept: unique, issues: [] } : applyCancellations(unique);
  const instrumentOf = createInstrumentInterner(multiplierOf, watched);
  const executions: PreparedExecution[] = [];
  const zeroPriced: PreparedExecution[] = [];
  for (let i = 0; i < kept.length; i++) {
    const exec = kept[i]!;
    const instrument = instrumentOf(exec);
    const prepared: PreparedExecution = {
      kind: "execution",
      timeMs: exec.timeMs,
      fileOrder: exec.fileOrder,
      exec,
      key: instrument.key,
      // Rule 4: the row's own multiplier first; only without one does the instrument's resolved one apply.
      multiplier: usableMultiplier(exec.multiplier)
        ? exec.multiplier
        : exec.symbol === instrument.symbol
          ? instrument.multiplier
          : multiplierOf.fallback(exec),
      id: exec.transactionId ?? exec.ibExecId,
      order: idOrderKey(exec.transactionId),
    };
    executions.push(prepared);
    if (instrument.watched && exec.price.isZero()) zeroPriced.push(prepared);
  }
  executions.sort(compareExecutions);
  return { executions, zeroPriced, issues };
}

interface Instrument {
  readonly key: string;
  /** The symbol `multiplier` was resolved with (rule 4 falls back to SecuritiesInfo by symbol). */
  readonly symbol: string;
  /** The multiplier of a row of this instrument that has none of its own (SecuritiesInfo's, else 1). */
  readonly multiplier: Decimal;
  /** Named by an OptionEAE row. */
  readonly watched: boolean;
}

/**
 * instrumentKey, one string object per instrument: the time line and start positions look every execution's
 * key up in a Map, and a key built per row is a fresh concatenation that each lookup must flatten, hash and
 * compare character by character. Rows with a conid (nearly all) find it through two short flat strings, and
 * with it the multiplier SecuritiesInfo gives the instrument, resolved once rather than per row.
 */
function createInstrumentInterner(
  multiplierOf: MultiplierResolver,
  watched: ReadonlySet<string>,
): (exec: Execution) => Instrument {
  const byAccount = new Map<string, Map<string, Instrument>>();
  const byKey = new Map<string, Instrument>();
  let lastAccount: string | null = null;
  let byConid: Map<string, Instrument> | undefined;
  const create = (key: string, exec: Execution): Instrument => ({
    key,
    symbol: exec.symbol,
    multiplier: multiplierOf.fallback(exec),
    watched: watched.has(key),
  });
  return (exec) => {
    if (exec.conid === null) {
      // Rare: the key is built from the descriptive fields, for every row.
      const key = instrumentKey(exec.accountId, exec);
      let instrument = byKey.get(key);
      if (instrument === undefined) {
        instrument = create(key, exec);
        byKey.set(key, instrument);
      }
      return instrument;
    }
    if (exec.accountId !== lastAccount || byConid === undefined) {
      lastAccount = exec.accountId;
      byConid = byAccount.get(exec.accountId);
      if (byConid === undefined) {
        byConid = new Map();
        byAccount.set(exec.accountId, byConid);
      }
    }
    let instrument = byConid.get(exec.conid);
    if (instrument === undefined) {
      instrument = create(instrumentKey(exec.accountId, exec), exec);
      byConid.set(exec.conid, instrument);
    }
    return instrument;
  };
}

/** Rule 5: time, then transactionID as an integer (missing last), then file order. */
export function compareExecutions(a: PreparedExecution, b: PreparedExecution): number {
  return a.timeMs - b.timeMs || compareIds(a.order, b.order) || a.fileOrder - b.fileOrder;
}
