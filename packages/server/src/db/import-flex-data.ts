// Stores one Flex document and everything parsed from it in ONE transaction: the raw XML (gzip, by content
// hash), the accounts, and every row keyed by IB's identifiers with ON CONFLICT DO NOTHING, so the same or an
// overlapping statement adds nothing twice. Concurrent imports touching the same IB accounts are serialised
// by transaction-scoped advisory locks (cheap on PostgreSQL, a no-op in effect on single-connection PGlite).
import type { Execution, FlexData } from "@closeout/core";
import { sql, type Transaction } from "kysely";
import { AppError } from "../app-error.ts";
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
import type { Schema } from "./schema.ts";
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
  const sha256 = sha256Hex(rawXml);
  const ibAccounts = ibAccountIdsOf(data);

  return db.kysely.transaction().execute(async (tx) => {
    for (const ibAccountId of ibAccounts) {
      await sql`select pg_advisory_xact_lock(hashtextextended(${`closeout:account:${ibAccountId}`}, 0))`.execute(
        tx,
      );
    }
    if (ibAccounts.length > 0) {
      const owned = await tx
        .selectFrom("accounts")
        .select("ib_account_id")
        .where("ib_account_id", "in", ibAccounts)
        .where("user_id", "<>", userId)
        .execute();
      if (owned.length > 0) {
        const names = [...new Set(owned.map((r) => r.ib_account_id))].sort().join(", ");
        throw new AppError(
          "account-owned-by-another-user",
          `account ${names} is linked to another closeout user; nothing was imported`,
        );
      }
    }

    const priorStatement = await tx
      .selectFrom("raw_statements")
      .select("id")
      .where("user_id", "=", userId)
      .limit(1)
      .executeTakeFirst();
    const first: FirstStatement | null =
      priorStatement === undefined ? { data, rawXml, ibAccountIds: ibAccounts } : null;
    if (first !== null) input.onFirstStatement?.(first);
    const sameStatement =
      priorStatement === undefined
        ? undefined
        : await tx
            .selectFrom("raw_statements")
            .select("id")
            .where("user_id", "=", userId)
            .where("sha256", "=", sha256)
            .executeTakeFirst();
    // Compressed on zlib's thread pool while the rows are stored; the row gets its content at the end.
    const content = sameStatement === undefined ? gzipOffThread(Buffer.from(rawXml, "utf8")) : null;
    content?.catch(() => {}); // awaited below; a transaction that fails first must not leave it unhandled
    const inserted = await tx
      .insertInto("raw_statements")
      .values({
        user_id: userId,
        sha256,
        content_gzip: new Uint8Array(0),
        byte_length: Buffer.byteLength(rawXml, "utf8"),
        from_date: firstDate(data.statements.map((s) => s.fromDate)),
        to_date: firstDate(
          data.statements.map((s) => s.toDate),
          "last",
        ),
        file_order_span: fileOrderSpan(data),
        shape: JSON.stringify(data.shape),
      })
      .onConflict((oc) => oc.columns(["user_id", "sha256"]).doNothing())
      .returning("id")
      .executeTakeFirst();
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
    // (A user's first statement has nothing stored to look up.)
    const stored =
      priorStatement === undefined
        ? new Set<string>()
        : await storedExecutionKeys(tx, executions, accountIdOf);
    let executionsAdded = 0;
    const instruments = createInstrumentRefs();
    for (const ibAccountId of ibAccounts) {
      const accountId = need(accountIdOf, ibAccountId);
      const rows = [];
      const added: Execution[] = [];
      const refs = new Set<string>();
      for (const e of executions)
        if (e.accountId === ibAccountId && !stored.has(storedKey(accountId, e))) {
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
      executionsAdded += await bulkInsert(tx, "executions", rows, {
        onConflict: "(account_id, ib_key) do nothing",
        constants: { account_id: accountId, first_statement_id: statementId },
      });
      await widenTradeSpan(tx, accountId, added);
    }

    await bulkInsert(
      tx,
      "option_events",
      data.optionEvents.map((e) => optionEventToRow(e, ids(e.accountId))),
      { onConflict: "(account_id, instrument_key, type, date, quantity) do nothing" },
    );
    // The unique constraint is NULLS NOT DISTINCT (action_id may be absent), so no conflict target is named.
    await bulkInsert(
      tx,
      "corporate_actions",
      data.corporateActions.map((a) => corporateActionToRow(a, ids(a.accountId))),
      { onConflict: "do nothing" },
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
      data.transfers.map((t, i) => transferToRow(t, ids(t.accountId), i)),
      { onConflict: "(account_id, row_key) do nothing" },
    );
    await bulkInsert(
      tx,
      "securities",
      data.securities.map((sec) => securityToRow(sec, userId)),
      { onConflict: "(user_id, instrument_key) do nothing" },
    );
    await bulkInsert(
      tx,
      "conversion_rates",
      data.conversionRates.map((r) => conversionRateToRow(r, userId)),
      { onConflict: "(user_id, report_date, from_currency, to_currency) do nothing" },
    );
    if (inserted !== undefined && content !== null) {
      const gzip = await content;
      await checkRawQuota(tx, userId, inserted.id, gzip.byteLength, input.rawQuotaBytes);
      await tx
        .updateTable("raw_statements")
        .set({ content_gzip: gzip })
        .where("id", "=", inserted.id)
        .execute();
    }

    const accountIds = ibAccounts.map((a) => need(accountIdOf, a));
    // The very same statement (same bytes) was imported before, and its rows were rebuilt into trades then:
    // nothing new can come of it, so the costly rebuild is skipped (re-importing a file stays cheap).
    const unchanged = inserted === undefined && executionsAdded === 0;
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

/** Keys per lookup of stored executions: one text[] parameter each. */
const KEY_LOOKUP_CHUNK = 10_000;

const storedKey = (accountId: string, e: Execution) => `${accountId}\u0000${executionKey(e)}`;

/** `${account db id}\0${ib_key}` of the statement's executions that are already stored. */
async function storedExecutionKeys(
  tx: Transaction<Schema>,
  executions: readonly Execution[],
  accountIdOf: ReadonlyMap<string, string>,
): Promise<Set<string>> {
  const keysByAccount = new Map<string, string[]>();
  for (const e of executions) {
    const accountId = need(accountIdOf, e.accountId);
    const keys = keysByAccount.get(accountId) ?? [];
    if (keys.length === 0) keysByAccount.set(accountId, keys);
    keys.push(executionKey(e));
  }
  const stored = new Set<string>();
  for (const [accountId, keys] of keysByAccount) {
    for (let i = 0; i < keys.length; i += KEY_LOOKUP_CHUNK) {
      const { rows } = await sql<{ ib_key: string }>`
        select ib_key from executions
        where account_id = ${accountId} and ib_key = any(${keys.slice(i, i + KEY_LOOKUP_CHUNK)}::text[])`.execute(
        tx,
      );
      for (const row of rows) stored.add(`${accountId}\u0000${row.ib_key}`);
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
