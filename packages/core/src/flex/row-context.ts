// Shared per-document state for the section normalisers: null markers, number and date reading, issues.
import type { Decimal } from "../money.ts";
import type { InstrumentFields, Issue } from "../types.ts";
import { createInterner, detachString, type Interner } from "./intern-strings.ts";
import { DecimalCache, parseDecimalText } from "./parse-decimal-text.ts";
import { isoDay, parseWallTime, type WallTime } from "./parse-wall-time.ts";
import { type Attrs, presentValue, readAttr } from "./read-attr.ts";

/** Returned by `num` when the value was unreadable (an issue has been recorded and the row must be skipped). */
export const INVALID = false;
const NO_NOTES: readonly string[] = Object.freeze([]);

/** The last instrument read per conid (or symbol), with the raw attribute values it was read from. */
export interface CachedInstrument {
  readonly raw: readonly (string | undefined)[];
  readonly fields: InstrumentFields;
}

/** Last raw value of one attribute and what it normalised to: consecutive rows mostly repeat it. */
interface Memo {
  raw: string | undefined;
  value: string | null;
}

export class RowContext {
  readonly issues: Issue[] = [];
  intern: Interner = createInterner();
  private readonly decimals = new DecimalCache();
  private days = new Map<number, string>();
  /** Scratch result of the last `wallTime` call (no allocation per row). */
  readonly wall: WallTime = { day: 0, ms: 0, hasTime: false };
  private notesCache = new Map<string, readonly string[]>();
  private memos = new Map<string, Memo>();
  private numMemos = new Map<string, { raw: string | undefined; value: Decimal }>();
  instrumentCache = new Map<string, CachedInstrument>();
  private fileOrder: number;
  /** QueryShape facts gathered while reading Trades. */
  hasExecutions = false;
  executionsHaveTime = false;

  /** Position of the current row, for issue paths. */
  statementLocal = 0;
  statementIndex = 0;
  statementAccountId = "";
  section = "";
  rowName = "";
  rowIndex = -1;

  constructor(fileOrderStart: number) {
    this.fileOrder = fileOrderStart;
  }

  nextFileOrder(): number {
    return this.fileOrder++;
  }

  /** rule 4: the row's accountId unless absent or a null marker ("-"), else the FlexStatement's. */
  account(a: Attrs): string {
    return this.str(a, "accountId") ?? this.statementAccountId;
  }

  /** A repeating text value (symbol, currency, codes), shared between rows. */
  str(a: Attrs, name: string): string | null {
    const raw = a.get(name);
    let memo = this.memos.get(name);
    if (memo === undefined) {
      memo = { raw: undefined, value: null };
      this.memos.set(name, memo);
    } else if (memo.raw === raw) return memo.value;
    const v = raw === undefined ? null : presentValue(raw);
    memo.raw = raw;
    memo.value = v === null ? null : this.intern(v);
    return memo.value;
  }

  /** Drops the caches once the document is read (the result must not keep them alive). */
  release(): void {
    this.intern = createInterner();
    this.decimals.clear();
    this.days = new Map();
    this.notesCache = new Map();
    this.memos = new Map();
    this.numMemos = new Map();
    this.instrumentCache = new Map();
  }

  /** A mostly unique text value (ids), copied out of the input chunk. */
  text(a: Attrs, name: string): string | null {
    const v = readAttr(a, name);
    return v === null ? null : detachString(v);
  }

  /** Decimal, null when absent, or INVALID (issue recorded, row skipped). `shared` caches repeating values. */
  num(a: Attrs, name: string, shared = true): Decimal | null | typeof INVALID {
    const raw = a.get(name);
    let memo = this.numMemos.get(name);
    if (memo !== undefined && memo.raw === raw) return memo.value;
    const v = raw === undefined ? null : presentValue(raw);
    if (v === null) return null;
    // "0" is shared even in a field of mostly unique values: fifoPnlRealized is 0 on every opening row.
    const d = shared || v === "0" ? this.decimals.get(v) : parseDecimalText(v);
    if (d !== null) {
      if (memo === undefined) {
        memo = { raw, value: d };
        this.numMemos.set(name, memo);
      } else {
        memo.raw = raw;
        memo.value = d;
      }
      return d;
    }
    this.issue("invalid-number", name, `${name} "${clip(v)}" is not a number; row skipped`);
    return INVALID;
  }

  /** Reads a date or date-time into `out`; false (issue recorded) when missing or unreadable. */
  wallTime(name: string, value: string | null, out: WallTime = this.wall): boolean {
    if (value === null) {
      this.missing(name);
      return false;
    }
    if (parseWallTime(name, value, out)) return true;
    this.issue("invalid-date", name, `${name} "${clip(value)}" is not a readable date; row skipped`);
    return false;
  }

  /** IB `notes` ("C;P", "Ep", "P;") split on ";" and trimmed; one shared frozen array per distinct value. */
  notes(a: Attrs): readonly string[] {
    const raw = readAttr(a, "notes");
    if (raw === null) return NO_NOTES;
    let list = this.notesCache.get(raw);
    if (list === undefined) {
      list = Object.freeze(
        raw
          .split(";")
          .map((n) => n.trim())
          .filter((n) => n.length > 0)
          .map((n) => this.intern(n)),
      );
      if (this.notesCache.size > 10_000) this.notesCache.clear();
      this.notesCache.set(detachString(raw), list);
    }
    return list;
  }

  /** yyyy-MM-dd, one shared string per day. */
  day(day: number): string {
    let s = this.days.get(day);
    if (s === undefined) {
      s = isoDay(day);
      this.days.set(day, s);
    }
    return s;
  }

  missing(name: string): null {
    this.issue("missing-field", name, `${name} is missing; row skipped`);
    return null;
  }

  issue(code: string, field: string | null, message: string): void {
    this.issues.push({ code, path: this.path(field), message });
  }

  path(field: string | null): string {
    let p = `FlexStatement[${this.statementLocal}]`;
    if (this.section !== "") p += `.${this.section}`;
    if (this.rowIndex >= 0) p += `.${this.rowName}[${this.rowIndex}]`;
    return field === null ? p : `${p}.${field}`;
  }
}

function clip(v: string): string {
  return v.length > 40 ? `${v.slice(0, 40)}…` : v;
}
