// Many-row INSERTs as one statement per chunk with one array parameter per column:
//   insert into t (a, b) select a, b from unnest($1::uuid[], $2::numeric[]) as u(a, b) on conflict …
// Row-per-VALUES INSERTs bind one parameter per cell (36 cells × 100k executions), and compiling and parsing
// those statements cost more than storing the rows; with arrays a chunk is 36 parameters whatever its size.
// On the embedded PGlite this made 100k executions ~2× faster to store (ADR 0009).
import { sql } from "kysely";
import type { DbExecutor } from "./database.ts";
import type { Schema } from "./schema.ts";

/** A value a column array can hold; arrays (e.g. text[] columns) are sent as their array literal. */
type Cell = string | number | boolean | null | readonly string[];

export interface BulkInsertOptions {
  /** The text after ON CONFLICT, e.g. `(account_id, ib_key) do nothing`; omitted: no ON CONFLICT clause. */
  readonly onConflict?: string;
  /** Rows per statement (default 5000): bounds the size of one message. */
  readonly chunkSize?: number;
  /** Columns with the same value in every row, sent once per statement instead of once per row. */
  readonly constants?: Readonly<Record<string, Cell>>;
}

const columnTypesCache = new WeakMap<object, Map<string, Map<string, string>>>();

/** `format_type` of each column of a table, read once per database handle and table. */
async function columnTypes(tx: DbExecutor, table: string): Promise<Map<string, string>> {
  const cacheKey = tx.getExecutor().adapter;
  const perDb = columnTypesCache.get(cacheKey) ?? new Map<string, Map<string, string>>();
  columnTypesCache.set(cacheKey, perDb);
  const cached = perDb.get(table);
  if (cached) return cached;
  const { rows } = await sql<{ name: string; type: string }>`
    select attname as name, format_type(atttypid, atttypmod) as type
    from pg_attribute
    where attrelid = ${table}::regclass and attnum > 0 and not attisdropped`.execute(tx);
  const types = new Map(rows.map((r) => [r.name, r.type]));
  perDb.set(table, types);
  return types;
}

/** A string as an element of an array literal: always double-quoted, with `"` and `\` escaped. */
function quoted(value: string): string {
  return value.includes('"') || value.includes("\\") ? `"${value.replace(/[\\"]/g, "\\$&")}"` : `"${value}"`;
}

/** PostgreSQL's array literal of a text[] value: `{"a","b \"c\""}`. */
export function textArrayLiteral(values: readonly string[]): string {
  return `{${values.map(quoted).join(",")}}`;
}

/**
 * The array literal of one column of rows[start, end), built here rather than by `pg` from a JS array: pg
 * prepares and escapes every element with two regular expressions, which was a large part of an import.
 */
function arrayLiteral(
  rows: readonly Record<string, Cell>[],
  start: number,
  end: number,
  column: string,
): string {
  let out = "{";
  for (let i = start; i < end; i++) {
    const value = rows[i]?.[column];
    if (i > start) out += ",";
    if (value === null || value === undefined) out += "NULL";
    else if (typeof value === "string") out += quoted(value);
    else if (typeof value === "number" || typeof value === "boolean") out += String(value);
    else out += quoted(textArrayLiteral(value));
  }
  return `${out}}`;
}

function cellParam(value: Cell | undefined): string | number | boolean | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? textArrayLiteral(value) : (value as Exclude<Cell, readonly string[]>);
}

/**
 * Inserts `rows` (objects keyed by column name; every row has the same keys) into `table` and returns how many
 * rows were inserted (rows skipped by ON CONFLICT are not counted).
 */
export async function bulkInsert(
  tx: DbExecutor,
  table: keyof Schema & string,
  rows: readonly Record<string, Cell>[],
  options: BulkInsertOptions = {},
): Promise<number> {
  const first = rows[0];
  if (first === undefined) return 0;
  const constants = Object.entries(options.constants ?? {});
  const columns = Object.keys(first).filter((c) => !(options.constants && c in options.constants));
  const types = await columnTypes(tx, table);
  const typeOf = (c: string) => {
    const type = types.get(c);
    if (type === undefined) throw new Error(`bulkInsert: ${table} has no column ${c}`);
    return type;
  };
  // A text[] column travels as a text array of literals (unnest would flatten a 2-D array) and is cast back.
  const arrayTypeOf = columns.map((c) => (typeOf(c).endsWith("[]") ? "text[]" : `${typeOf(c)}[]`));
  const selectList = sql.join([
    ...columns.map((c) =>
      typeOf(c).endsWith("[]") ? sql`${sql.ref(`u.${c}`)}::${sql.raw(typeOf(c))}` : sql.ref(`u.${c}`),
    ),
    ...constants.map(([c, value]) => sql`${cellParam(value)}::${sql.raw(typeOf(c))}`),
  ]);
  const unnestColumns = sql.join(columns.map((c) => sql.ref(c)));
  const columnList = sql.join([...columns, ...constants.map(([c]) => c)].map((c) => sql.ref(c)));
  const conflict = options.onConflict === undefined ? sql`` : sql`on conflict ${sql.raw(options.onConflict)}`;
  const size = options.chunkSize ?? 5000;
  let inserted = 0;
  for (let start = 0; start < rows.length; start += size) {
    const end = Math.min(rows.length, start + size);
    const params = sql.join(
      columns.map((c, i) => sql`${arrayLiteral(rows, start, end, c)}::${sql.raw(arrayTypeOf[i] ?? "")}`),
    );
    const { rows: counted } = await sql<{ n: string }>`
      with ins as (
        insert into ${sql.table(table)} (${columnList})
        select ${selectList} from unnest(${params}) as u(${unnestColumns})
        ${conflict}
        returning 1
      )
      select count(*) as n from ins`.execute(tx);
    inserted += Number(counted[0]?.n ?? 0);
  }
  return inserted;
}
