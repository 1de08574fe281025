// Stores one Flex document and everything parsed from it in ONE transaction: the raw XML (gzip, by content
// hash), the accounts, and every row keyed by IB's identifiers with ON CONFLICT DO NOTHING, so the same or an
// overlapping statement adds nothing twice. Concurrent imports touching the same IB accounts are serialised
// by transaction-scoped advisory locks (cheap on PostgreSQL, a no-op in effect on single-connection PGlite).
// The statement arrives parsed and is compressed before the transaction opens: on the embedded database the
// transaction holds the only connection, so every other user's request waits for as long as it lasts.
//
// Provenance: an import with a link id was pulled from IB by closeout (`link`); any other is an upload or a
// CLI import (`upload`). A link's copy of a row replaces an upload's copy of it (values and provenance), an
// upload never touches a stored row, and only a link makes its user the holder of an account
// (account-holders.ts).
import type { Execution, FlexData } from "@closeout/core";
import { sql, type Transaction } from "kysely";
import { refuseAccountsHeldElsewhere } from "./account-holders.ts";
import { bulkInsert } from "./bulk-insert.ts";
import type { Db } from "./database.ts";
import {
  conversionRateToRow,
  corporateActionToRow,
  executionKey,
  executionToRow,
  optionEventToRow,
  positionToRow,
  securityToRow,
  sha256Hex,
  transferToRow,
} from "./flex-rows.ts";
import { createInstrumentRefs } from "./instrument-refs.ts";
import { need } from "./need.ts";
import { checkRawQuota } from "./raw-statement-quota.ts";
import type { Provenance, Schema } from "./schema.ts";
import { storeStatementMeta } from "./store-statement-meta.ts";
import { upsertAccounts } from "./upsert-accounts.ts";
import { gzipOffThread } from "./zlib-off-thread.ts";

/** An import's statement when it is its user's first: then every stored row of theirs came from it. */
export interface FirstStatement {
  readonly data: FlexData;
  readonly rawXml: string;
  /** The IB account ids of the import's `accountIds`, in the same order. */
  readonly ibAccountIds: readonly string[];
}

export interface ImportFlexInput {
  readonly userId: string;
  readonly linkId?: string | null;
  readonly data: FlexData;
  readonly rawXml: string;
  /**
   * Rebuilds derived trades of these accounts (db ids) inside the import's transaction; returns a count.
   * `first` is given when this statement is the user's first, and the trades can then be built from the
   * statement instead of reading the rows back.
   */
  readonly rebuild?: (
    tx: Transaction<Schema>,
    accountIds: readonly string[],
    first: FirstStatement | null,
  ) => Promise<number>;
  /**
   * Called, before any row is stored, when the statement is the user's first; the same object is passed to
   * `rebuild` later, so a rebuild can start its work early (off the main thread) and pick it up there.
   */
  readonly onFirstStatement?: (first: FirstStatement) => void;
  /** Compresses the raw XML before the transaction opens (default: gzip on zlib's thread pool). */
  readonly gzip?: (xml: Buffer) => Promise<Buffer>;
  /** Cap on the user's stored raw statements, gzip bytes (default raw-statement-quota.ts). */
  readonly rawQuotaBytes?: number;
}

export interface ImportFlexResult {
  readonly executionsAdded: number;
  readonly executionsExisting: number;
  /** IB account ids the statement touched. */
  readonly accounts: string[];
  /** Database ids of those accounts, in the same order. */
  readonly accountIds: string[];
  readonly statementId: string;
  readonly statementAlreadyStored: boolean;
  readonly tradesRebuilt: number | null;
}

function ibAccountIdsOf(data: FlexData): string[] {
  const ids = new Set<string>();
  for (const list of [
    data.accounts,
    data.statements,
    data.executions,
    data.optionEvents,
    data.corporateActions,
    data.openPositions,
    data.transfers,
  ]) {
    for (const row of list) if (row.accountId !== "") ids.add(row.accountId);
  }
  return [...ids].sort();
}

function firstDate(values: (string | null)[], which: "first" | "last" = "first"): string | null {
  const present = values.filter((v): v is string => v !== null).sort();
  return (which === "first" ? present[0] : present.at(-1)) ?? null;
}

function fileOrderSpan(data: FlexData): number {
  let max = -1;
  for (const list of [data.executions, data.optionEvents, data.corporateActions]) {
    for (const row of list) if (row.fileOrder > max) max = row.fileOrder;
  }
  return max + 1;
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

export async function importFlexData(db: Db, input: ImportFlexInput): Promise<ImportFlexResult> {
  const { userId, data, rawXml } = input;
  const provenance: Provenance = input.linkId ? "link" : "upload";
  const sha256 = sha256Hex(rawXml);
  const ibAccounts = ibAccountIdsOf(data);
  const compress = input.gzip ?? ((xml: Buffer) => gzipOffThread(xml));
  // Compressed before the transaction, and not at all when the same bytes are stored already (a re-import
  // only looks its rows up). Should they vanish meanwhile (the user deleted), the insert below compresses.
  const storedBefore = await db.kysely
    .selectFrom("raw_statements")
    .select("id")
    .where("user_id", "=", userId)
    .where("sha256", "=", sha256)
    .executeTakeFirst();
  const content = storedBefore === undefined ? await compress(Buffer.from(rawXml, "utf8")) : null;

  return db.kysely.transaction().execute(async (tx) => {
    for (const ibAccountId of ibAccounts) {
      await sql`select pg_advisory_xact_lock(hashtextextended(${`closeout:account:${ibAccountId}`}, 0))`.execute(
        tx,
      );
    }
    await refuseAccountsHeldElsewhere(tx, userId, ibAccounts, provenance);

    const priorStatement = await tx
      .selectFrom("raw_statements")
      .select("id")
      .where("user_id", "=", userId)
      .limit(1)
      .executeTakeFirst();
    const first: FirstStatement | null =
      priorStatement === undefined ? { data, rawXml, ibAccountIds: ibAccounts } : null;
    if (first !== null) input.onFirstStatement?.(first);
    const storedNow =
      storedBefore ??
      (await tx
        .selectFrom("raw_statements")
        .select("id")
        .where("user_id", "=", userId)
        .where("sha256", "=", sha256)
        .executeTakeFirst());
    // Compressed here only if its stored copy vanished after the look-up above (never in practice).
    const gzipped =
      storedNow !== undefined ? null : (content ?? (await compress(Buffer.from(rawXml, "utf8"))));
    const inserted =
      gzipped === null
        ? undefined
        : await tx
            .insertInto("raw_statements")
            .values({
              user_id: userId,
              sha256,
              content_gzip: gzipped,
              byte_length: Buffer.byteLength(rawXml, "utf8"),
              from_date: firstDate(data.statements.map((s) => s.fromDate)),
              to_date: firstDate(
                data.statements.map((s) => s.toDate),
                "last",
              ),
              file_order_span: fileOrderSpan(data),
              shape: JSON.stringify(data.shape),
              provenance,
            })
            .onConflict((oc) => oc.columns(["user_id", "sha256"]).doNothing())
            .returning("id")
            .executeTakeFirst();
    if (inserted !== undefined && gzipped !== null) {
      await checkRawQuota(tx, userId, inserted.id, gzipped.byteLength, input.rawQuotaBytes);
    }
    const statementId =
      inserted?.id ??
      (
        await tx
          .selectFrom("raw_statements")
          .select("id")
          .where("user_id", "=", userId)
          .where("sha256", "=", sha256)
          .executeTakeFirstOrThrow()
      ).id;
    // The very bytes an upload brought, now pulled from IB by the link: IB vouches for them.
    if (inserted === undefined && provenance === "link") {
      await tx
        .updateTable("raw_statements")
        .set({ provenance: "link" })
        .where("id", "=", statementId)
        .where("provenance", "=", "upload")
        .execute();
    }

    const accountIdOf = await upsertAccounts(tx, input, ibAccounts);
    const metaIdOf = await storeStatementMeta(tx, data, statementId, accountIdOf);
    const ids = (accountId: string) => ({
      account_id: need(accountIdOf, accountId),
      first_statement_id: statementId,
    });

    const executions = uniqueExecutions(data.executions);
    // Rows already stored are not sent again: a re-import or an overlapping daily statement would otherwise
    // ship every row only for ON CONFLICT to drop it. ON CONFLICT stays as the guard (the advisory locks
    // above already keep concurrent imports of these accounts apart).
    // (A user's first statement has nothing stored to look up.) A link does send the rows an upload stored:
    // its copy replaces theirs.
    const stored =
      priorStatement === undefined
        ? new Map<string, Provenance>()
        : await storedExecutionKeys(tx, executions, accountIdOf);
    const send = (key: string) => {
      const was = stored.get(key);
      return was === undefined || (provenance === "link" && was === "upload");
    };
    let executionsWritten = 0;
    let executionsReplaced = 0;
    const instruments = createInstrumentRefs();
    for (const ibAccountId of ibAccounts) {
      const accountId = need(accountIdOf, ibAccountId);
      const rows = [];
      const added: Execution[] = [];
      const refs = new Set<string>();
      for (const e of executions)
        if (e.accountId === ibAccountId && send(storedKey(accountId, e))) {
          if (stored.has(storedKey(accountId, e))) executionsReplaced++;
          const ref = instruments.refOf(e);
          refs.add(ref);
          rows.push(executionToRow(e, ids(ibAccountId), ref));
          added.push(e);
        }
      // The instruments first: an execution's ref always names a stored row.
      await bulkInsert(
        tx,
        "execution_instruments",
        [...refs].map((ref) => ({ instrument_ref: ref, ...instruments.columnsOf(ref) })),
        { onConflict: "(account_id, instrument_ref) do nothing", constants: { account_id: accountId } },
      );
      executionsWritten += await bulkInsert(tx, "executions", rows, {
        onConflict: provenance === "link" ? LINK_REPLACES_UPLOAD : "(account_id, ib_key) do nothing",
        constants: { account_id: accountId, first_statement_id: statementId, provenance },
      });
      await widenTradeSpan(tx, accountId, added);
    }

    const executionsAdded = executionsWritten - executionsReplaced;
    const linkWins = (target: string, columns: readonly string[], key: readonly string[]) => {
      const set = columns.filter((c) => !key.includes(c)).map((c) => `${c} = excluded.${c}`);
      return provenance === "link" && set.length > 0
        ? `${target} do update set ${set.join(", ")}`
        : `${target} do nothing`;
    };
    // These rows' provenance is their first statement's; a link adopts the rows an upload brought first.
    const adopt = (table: string, target: string, also = "") =>
      provenance === "link"
        ? `${target} do update set first_statement_id = excluded.first_statement_id${also}
            where ${FIRST_STATEMENT_IS_UPLOAD(table)}`
        : `${target} do nothing`;
    await bulkInsert(
      tx,
      "option_events",
      firstByKey(
        data.optionEvents.map((e) => optionEventToRow(e, ids(e.accountId))),
        ["account_id", "instrument_key", "type", "date", "quantity"],
      ),
      {
        onConflict: adopt(
          "option_events",
          "(account_id, instrument_key, type, date, quantity)",
          ", file_order = excluded.file_order",
        ),
      },
    );
    // The unique constraint is NULLS NOT DISTINCT (action_id may be absent); the target names its columns.
    await bulkInsert(
      tx,
      "corporate_actions",
      firstByKey(
        data.corporateActions.map((a) => corporateActionToRow(a, ids(a.accountId))),
        ["account_id", "instrument_key", "type", "date_time_raw", "quantity", "action_id"],
      ),
      {
        onConflict: adopt(
          "corporate_actions",
          "(account_id, instrument_key, type, date_time_raw, quantity, action_id)",
          ", file_order = excluded.file_order",
        ),
      },
    );
    const positions = data.openPositions.map((p, i) => {
      const meta = data.statements[p.statementIndex];
      const metaId = need(metaIdOf, `${p.accountId}\u0000${p.statementIndex}`);
      return positionToRow(
        p,
        {
          account_id: need(accountIdOf, p.accountId),
          statement_meta_id: metaId,
          to_date: meta?.toDate ?? null,
        },
        i,
      );
    });
    await bulkInsert(tx, "position_snapshots", positions, {
      onConflict: "(statement_meta_id, instrument_key) do nothing",
    });
    await bulkInsert(
      tx,
      "transfers",
      firstByKey(
        data.transfers.map((t, i) => transferToRow(t, ids(t.accountId), i)),
        ["account_id", "row_key"],
      ),
      { onConflict: adopt("transfers", "(account_id, row_key)", ", ordinal = excluded.ordinal") },
    );
    // Market facts per user (multipliers, FX rates for commissions): a link's values are IB's, so they win
    // over whatever an upload stored for the same key; an upload never changes a stored one.
    const securities = firstByKey(
      data.securities.map((sec) => securityToRow(sec, userId)),
      ["instrument_key"],
    );
    await bulkInsert(tx, "securities", securities, {
      onConflict: linkWins("(user_id, instrument_key)", Object.keys(securities[0] ?? {}), [
        "user_id",
        "instrument_key",
      ]),
    });
    await bulkInsert(
      tx,
      "conversion_rates",
      firstByKey(
        data.conversionRates.map((r) => conversionRateToRow(r, userId)),
        ["report_date", "from_currency", "to_currency"],
      ),
      {
        onConflict: linkWins("(user_id, report_date, from_currency, to_currency)", ["rate"], []),
      },
    );
    const accountIds = ibAccounts.map((a) => need(accountIdOf, a));
    // The very same statement (same bytes) was imported before, and its rows were rebuilt into trades then:
    // nothing new can come of it, so the costly rebuild is skipped (re-importing a file stays cheap).
    const unchanged = inserted === undefined && executionsWritten === 0;
    const tradesRebuilt = input.rebuild && !unchanged ? await input.rebuild(tx, accountIds, first) : null;
    return {
      executionsAdded,
      executionsExisting: executions.length - executionsAdded,
      accounts: ibAccounts,
      accountIds,
      statementId,
      statementAlreadyStored: inserted === undefined,
      tradesRebuilt,
    };
  });
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

const FIRST_STATEMENT_IS_UPLOAD = (table: string) =>
  `(select provenance from raw_statements where id = ${table}.first_statement_id) = 'upload'`;

/**
 * The first row of each conflict key, in file order: a file may repeat a row (two FlexStatements listing the
 * same security or rate), and ON CONFLICT DO UPDATE may not touch one row twice in a statement.
 */
function firstByKey<R extends Record<string, unknown>>(rows: readonly R[], key: readonly (keyof R)[]): R[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const k = JSON.stringify(key.map((c) => row[c] ?? null));
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

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
