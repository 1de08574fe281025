// Import step: the statement's executions, once per IB key and account, with the instruments they name.
// Rows already stored are not sent again: a re-import or an overlapping daily statement would otherwise ship
// every row only for ON CONFLICT to drop it. ON CONFLICT stays as the guard (the import's advisory locks
// already keep concurrent imports of these accounts apart). A link does send the rows an upload stored: its
// copy replaces theirs.
import type { Execution } from "@closeout/core";
import { sql, type Transaction } from "kysely";
import { bulkInsert } from "./bulk-insert.ts";
import { executionKey, executionToRow } from "./flex-rows.ts";
import { createInstrumentRefs } from "./instrument-refs.ts";
import { need } from "./need.ts";
import type { Provenance, Schema } from "./schema.ts";

export interface StoredExecutions {
  /** The statement's distinct executions. */
  readonly count: number;
  /** Rows written, new ones and upload copies a link's replaced. */
  readonly written: number;
  /** Rows new to the database. */
  readonly added: number;
}

export async function storeExecutions(
  tx: Transaction<Schema>,
  all: readonly Execution[],
  target: {
    readonly ibAccounts: readonly string[];
    readonly accountIdOf: ReadonlyMap<string, string>;
    readonly statementId: string;
    readonly provenance: Provenance;
    /** False for a user's first statement: nothing of theirs is stored to look up. */
    readonly lookUpStored: boolean;
  },
): Promise<StoredExecutions> {
  const { accountIdOf, statementId, provenance } = target;
  const executions = uniqueExecutions(all);
  const stored = target.lookUpStored
    ? await storedExecutionKeys(tx, executions, accountIdOf)
    : new Map<string, Provenance>();
  const send = (key: string) => {
    const was = stored.get(key);
    return was === undefined || (provenance === "link" && was === "upload");
  };
  let written = 0;
  let replaced = 0;
  const instruments = createInstrumentRefs();
  for (const ibAccountId of target.ibAccounts) {
    const accountId = need(accountIdOf, ibAccountId);
    const ids = { account_id: accountId, first_statement_id: statementId };
    const rows = [];
    const added: Execution[] = [];
    const refs = new Set<string>();
    for (const e of executions)
      if (e.accountId === ibAccountId && send(storedKey(accountId, e))) {
        if (stored.has(storedKey(accountId, e))) replaced++;
        const ref = instruments.refOf(e);
        refs.add(ref);
        rows.push(executionToRow(e, ids, ref));
        added.push(e);
      }
    // The instruments first: an execution's ref always names a stored row.
    await bulkInsert(
      tx,
      "execution_instruments",
      [...refs].map((ref) => ({ instrument_ref: ref, ...instruments.columnsOf(ref) })),
      { onConflict: "(account_id, instrument_ref) do nothing", constants: { account_id: accountId } },
    );
    written += await bulkInsert(tx, "executions", rows, {
      onConflict: provenance === "link" ? LINK_REPLACES_UPLOAD : "(account_id, ib_key) do nothing",
      constants: { account_id: accountId, first_statement_id: statementId, provenance },
    });
    await widenTradeSpan(tx, accountId, added);
  }
  return { count: executions.length, written, added: written - replaced };
}

/** First occurrence per key, in file order (the same statement twice in one file counts once). */
function uniqueExecutions(executions: readonly Execution[]): Execution[] {
  const seen = new Set<string>();
  const out: Execution[] = [];
  // The parser emits rows in file order; sort only a list that is not (e.g. one merged by hand).
  let sorted = true;
  for (let i = 1; i < executions.length && sorted; i++)
    sorted = (executions[i - 1]?.fileOrder ?? 0) <= (executions[i]?.fileOrder ?? 0);
  const inOrder = sorted ? executions : [...executions].sort((a, b) => a.fileOrder - b.fileOrder);
  for (const e of inOrder) {
    const key = `${e.accountId}\u0000${executionKey(e)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}

/** Every column of an execution but its key, taken from the link's copy when the stored copy is an upload's. */
const EXECUTION_VALUE_COLUMNS = [
  "instrument_ref",
  "time",
  "trade_date",
  "quantity",
  "price",
  "commission",
  "commission_currency",
  "fx_rate_to_base",
  "fifo_pnl_realized",
  "transaction_id",
  "ib_exec_id",
  "trade_id",
  "orig_trade_id",
  "transaction_type",
  "buy_sell",
  "open_close_indicator",
  "notes",
  "is_cancel",
  "is_conversion",
  "exchange",
  "file_order",
  "raw_key",
  "first_statement_id",
  "provenance",
] as const satisfies readonly (keyof Schema["executions"])[];

const LINK_REPLACES_UPLOAD = `(account_id, ib_key) do update set ${EXECUTION_VALUE_COLUMNS.map(
  (c) => `${c} = excluded.${c}`,
).join(", ")} where executions.provenance = 'upload'`;

/** Keys per lookup of stored executions: one text[] parameter each. */
const KEY_LOOKUP_CHUNK = 10_000;

const storedKey = (accountId: string, e: Execution) => `${accountId}\u0000${executionKey(e)}`;

/** `${account db id}\0${ib_key}` → provenance of the statement's executions that are already stored. */
async function storedExecutionKeys(
  tx: Transaction<Schema>,
  executions: readonly Execution[],
  accountIdOf: ReadonlyMap<string, string>,
): Promise<Map<string, Provenance>> {
  const keysByAccount = new Map<string, string[]>();
  for (const e of executions) {
    const accountId = need(accountIdOf, e.accountId);
    const keys = keysByAccount.get(accountId) ?? [];
    if (keys.length === 0) keysByAccount.set(accountId, keys);
    keys.push(executionKey(e));
  }
  const stored = new Map<string, Provenance>();
  for (const [accountId, keys] of keysByAccount) {
    for (let i = 0; i < keys.length; i += KEY_LOOKUP_CHUNK) {
      const { rows } = await sql<{ ib_key: string; provenance: Provenance }>`
        select ib_key, provenance from executions
        where account_id = ${accountId} and ib_key = any(${keys.slice(i, i + KEY_LOOKUP_CHUNK)}::text[])`.execute(
        tx,
      );
      for (const row of rows) stored.set(`${accountId}\u0000${row.ib_key}`, row.provenance);
    }
  }
  return stored;
}

/**
 * The account's first/last execution time, widened to the executions this import adds (a row already stored
 * was counted when it was stored; the statement's copy of it may not even carry the same time).
 */
async function widenTradeSpan(
  tx: Transaction<Schema>,
  accountId: string,
  added: readonly Execution[],
): Promise<void> {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const e of added) {
    if (e.timeMs < first) first = e.timeMs;
    if (e.timeMs > last) last = e.timeMs;
  }
  if (first > last) return;
  // least/greatest skip nulls: an account's first statement sets both.
  await sql`update accounts set
      first_trade_at = least(first_trade_at, ${new Date(first)}),
      last_trade_at = greatest(last_trade_at, ${new Date(last)})
    where id = ${accountId}`.execute(tx);
}
