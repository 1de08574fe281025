// Stores one Flex document and everything parsed from it in ONE transaction: the raw XML (gzip, by content
// hash), the accounts, and every row keyed by IB's identifiers, so the same or an overlapping statement adds
// nothing twice. Each step is a function of its own, named after what it stores.
//
// Provenance: an import with a link id was pulled from IB by closeout (`link`); any other is an upload or a
// CLI import (`upload`). A link's copy of a row replaces an upload's copy of it (values and provenance), an
// upload never touches a stored row, and only a link makes its user the holder of an account
// (account-holders.ts).
import type { FlexData } from "@closeout/core";
import type { Transaction } from "kysely";
import { refuseAccountsHeldElsewhere } from "./account-holders.ts";
import { compressUnlessStored } from "./compress-unless-stored.ts";
import type { Db } from "./database.ts";
import { ibAccountIdsOf } from "./ib-account-ids-of.ts";
import { lockAccounts } from "./lock-accounts.ts";
import { need } from "./need.ts";
import type { Provenance, Schema } from "./schema.ts";
import { storeAccountEvents } from "./store-account-events.ts";
import { storeCashAndNav } from "./store-cash-and-nav.ts";
import { storeExecutions } from "./store-executions.ts";
import { storeMarketFacts } from "./store-market-facts.ts";
import { storeRawStatement } from "./store-raw-statement.ts";
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

/** A first statement with what `onFirstStatement` started for it (undefined without one). */
export interface StartedFirstStatement<Started> extends FirstStatement {
  readonly started?: Started | undefined;
}

export interface ImportFlexInput<Started = unknown> {
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
    first: StartedFirstStatement<Started> | null,
  ) => Promise<number>;
  /**
   * Called, before any row is stored, when the statement is the user's first; what it returns reaches
   * `rebuild` as `first.started`, so a rebuild can start its work early (off the main thread).
   */
  readonly onFirstStatement?: (first: FirstStatement) => Started;
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

export async function importFlexData<Started>(
  db: Db,
  input: ImportFlexInput<Started>,
): Promise<ImportFlexResult> {
  const { userId, data } = input;
  const provenance: Provenance = input.linkId ? "link" : "upload";
  const ibAccounts = ibAccountIdsOf(data);
  const compress = input.gzip ?? ((xml: Buffer) => gzipOffThread(xml));
  const bytes = await compressUnlessStored(db, userId, input.rawXml, compress);

  return db.kysely.transaction().execute(async (tx) => {
    await lockAccounts(tx, ibAccounts);
    await refuseAccountsHeldElsewhere(tx, userId, ibAccounts, provenance);
    const first = await startIfFirstStatement(tx, input, ibAccounts);
    const raw = await storeRawStatement(tx, { ...input, provenance, compress }, bytes);
    const { statementId } = raw;
    const accountIdOf = await upsertAccounts(tx, input, ibAccounts);
    const metaIdOf = await storeStatementMeta(tx, data, statementId, accountIdOf);
    const executions = await storeExecutions(tx, data.executions, {
      ibAccounts,
      accountIdOf,
      statementId,
      provenance,
      lookUpStored: first === null,
    });
    await storeAccountEvents(tx, data, { accountIdOf, metaIdOf, statementId, provenance });
    await storeMarketFacts(tx, data, userId, provenance);
    await storeCashAndNav(tx, data, accountIdOf, statementId, provenance);
    const accountIds = ibAccounts.map((a) => need(accountIdOf, a));
    // The very same statement (same bytes) was imported before, and its rows were rebuilt into trades then:
    // nothing new can come of it, so the costly rebuild is skipped (re-importing a file stays cheap).
    const unchanged = raw.alreadyStored && executions.written === 0;
    const tradesRebuilt = input.rebuild && !unchanged ? await input.rebuild(tx, accountIds, first) : null;
    return {
      executionsAdded: executions.added,
      executionsExisting: executions.count - executions.added,
      accounts: ibAccounts,
      accountIds,
      statementId,
      statementAlreadyStored: raw.alreadyStored,
      tradesRebuilt,
    };
  });
}

/** The statement as a FirstStatement when its user has none stored yet, with `onFirstStatement` started. */
async function startIfFirstStatement<Started>(
  tx: Transaction<Schema>,
  input: ImportFlexInput<Started>,
  ibAccountIds: readonly string[],
): Promise<StartedFirstStatement<Started> | null> {
  const prior = await tx
    .selectFrom("raw_statements")
    .select("id")
    .where("user_id", "=", input.userId)
    .limit(1)
    .executeTakeFirst();
  if (prior !== undefined) return null;
  const first: FirstStatement = { data: input.data, rawXml: input.rawXml, ibAccountIds };
  return { ...first, started: input.onFirstStatement?.(first) };
}
