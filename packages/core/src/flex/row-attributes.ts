// A row's attributes without an object per row (ADR 0002, "Attributes"). Saxes builds one object per tag with
// a property per attribute, added one by one: on IB's ~60-attribute Trade rows that was a third of a bare
// saxes pass. The rows of a section carry the same names in the same order, so a row is read as its values by
// position in a layout those rows share (name → position, built once per distinct list of names).
import { attributeTooLong, type FlexInputLimits, tooManyAttributes } from "./flex-input-limits.ts";
import { detachString } from "./intern-strings.ts";

/** The names of a row's attributes in document order, and where each one is. */
export class AttributeLayout {
  private readonly index = new Map<string, number>();

  /** `names` must be free of duplicates (AttributeCollector checks this before making a layout). */
  constructor(readonly names: readonly string[]) {
    for (let i = 0; i < names.length; i++) this.index.set(names[i]!, i);
  }

  /** The attribute's position, or -1 when the row has no such attribute. */
  positionOf(name: string): number {
    return this.index.get(name) ?? -1;
  }
}

const NO_ATTRIBUTES = new AttributeLayout([]);

/** What the normalisers read of a row: an attribute's raw value by name, and the names present. */
export interface Attrs {
  /** The raw value as written (entities decoded), undefined when the row has no such attribute. */
  get(name: string): string | undefined;
  /** Every attribute name of the row, in document order. */
  names(): readonly string[];
}

/**
 * The current row's attributes. One instance is rewritten for every tag, so a normaliser must copy what it
 * keeps (it keeps detached or interned strings only, ADR 0002 "Memory") and never the row itself.
 */
export class RowAttributes implements Attrs {
  layout: AttributeLayout = NO_ATTRIBUTES;
  values: readonly string[] = [];

  get(name: string): string | undefined {
    const at = this.layout.positionOf(name);
    return at < 0 ? undefined : this.values[at];
  }

  names(): readonly string[] {
    return this.layout.names;
  }
}

/** At most this many distinct layouts are kept; hand-edited files may vary, but not without bound. */
const MAX_LAYOUTS = 256;

/** Gathers one tag's attributes as saxes reports them, then lays them out as `row`. */
export class AttributeCollector {
  readonly row = new RowAttributes();
  private names: string[] = [];
  private values: string[] = [];
  private count = 0;
  private last: AttributeLayout = NO_ATTRIBUTES;
  private readonly layouts = new Map<string, AttributeLayout>();

  constructor(private readonly limits: FlexInputLimits) {}

  /** Throws FlexFormatError past the limits, before the attribute is kept (saxes calls this per attribute). */
  push(name: string, value: string): void {
    if (this.count >= this.limits.maxAttributes) throw tooManyAttributes(this.limits);
    if (value.length > this.limits.maxAttributeChars) throw attributeTooLong(this.limits, name);
    this.names[this.count] = name;
    this.values[this.count] = value;
    this.count += 1;
  }

  /**
   * Ends the tag: `row` now holds its attributes. Returns the first name that appears twice (a tag that is not
   * well-formed XML), else null.
   */
  finish(): string | null {
    const n = this.count;
    this.count = 0;
    let layout = this.last;
    if (!sameNames(layout.names, this.names, n)) {
      const names = this.names.slice(0, n);
      const key = names.join("\u0000");
      const known = this.layouts.get(key);
      if (known !== undefined) layout = known;
      else {
        const seen = new Set<string>();
        for (const name of names) {
          if (seen.has(name)) return name;
          seen.add(name);
        }
        // Names are copied out of the input chunk (flat, detached) so that a kept layout keeps no chunk alive.
        layout = new AttributeLayout(names.map(detachString));
        if (this.layouts.size >= MAX_LAYOUTS) this.layouts.clear();
        this.layouts.set(detachString(key), layout);
      }
      this.last = layout;
    }
    // Exact lengths: nothing of a longer earlier row stays behind (its strings would keep its chunk alive).
    if (this.values.length !== n) {
      this.values.length = n;
      this.names.length = n;
    }
    this.row.layout = layout;
    this.row.values = this.values;
    return null;
  }
}

function sameNames(known: readonly string[], names: readonly string[], n: number): boolean {
  if (known.length !== n) return false;
  for (let i = 0; i < n; i++) if (known[i] !== names[i]) return false;
  return true;
}
