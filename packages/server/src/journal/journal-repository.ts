// Journal rows, owned by a user: every statement here filters by user_id. Entries carry the IB execution ids
// of their trade (attach-journal.ts finds the trade again after any rebuild); rows map to domain types here.
import { randomUUID } from "node:crypto";
import { Decimal, decimalString, type RoundTrip } from "@closeout/core";
import type { Selectable } from "kysely";
import { sql } from "kysely";
import type { DbExecutor } from "../db/database.ts";
import type { JournalEntriesTable } from "../db/schema.ts";

/** What an entry was attached to, kept so that an orphan can be shown and reattached. */
export interface JournalAnchor {
  readonly tradeId: string;
  readonly symbol: string;
  readonly side: string;
  readonly openedAt: string;
  readonly closedAt: string;
  readonly quantity: string;
  readonly currency: string;
  readonly realizedPnl: string;
}

export interface JournalEntry {
  readonly id: string;
  readonly ibAccountId: string;
  readonly executionIds: readonly string[];
  readonly anchor: JournalAnchor;
  readonly note: string;
  readonly tags: readonly string[];
  readonly plannedRisk: Decimal | null;
  readonly stopPrice: Decimal | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface JournalContent {
  readonly note: string;
  readonly tags: readonly string[];
  readonly plannedRisk: Decimal | null;
  readonly stopPrice: Decimal | null;
}

export interface JournalSettings {
  readonly defaultRisk: Decimal | null;
  readonly publicTags: readonly string[];
}

function toEntry(r: Selectable<JournalEntriesTable>): JournalEntry {
  return {
    id: r.id,
    ibAccountId: r.ib_account_id,
    executionIds: r.execution_ids as string[],
    anchor: r.anchor as JournalAnchor,
    note: r.note,
    tags: r.tags as string[],
    plannedRisk: r.planned_risk === null ? null : new Decimal(r.planned_risk),
    stopPrice: r.stop_price === null ? null : new Decimal(r.stop_price),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export function anchorOf(tradeId: string, t: RoundTrip): JournalAnchor {
  return {
    tradeId,
    symbol: t.symbol,
    side: t.side,
    openedAt: t.openedAt,
    closedAt: t.closedAt,
    quantity: decimalString(t.quantity),
    currency: t.currency,
    realizedPnl: decimalString(t.realizedPnl),
  };
}

/** The execution ids that identify a trade across rebuilds (synthetic legs have none). */
export const tradeExecutionIds = (t: RoundTrip): string[] => t.executionIds.filter((id) => id !== "");

export async function listJournalEntries(db: DbExecutor, userId: string): Promise<JournalEntry[]> {
  const rows = await db
    .selectFrom("journal_entries")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(toEntry);
}

/** Changes with every write to the user's entries or settings (the sequence behind `rev`). */
export async function journalVersion(db: DbExecutor, userId: string): Promise<string> {
  const { rows } = await sql<{ v: string }>`
    select coalesce(max(rev), 0)::text || ':' || count(*)::text
      || ':' || coalesce((select rev from journal_settings where user_id = ${userId}), 0)::text as v
    from journal_entries where user_id = ${userId}`.execute(db);
  return rows[0]?.v ?? "0";
}

const numeric = (d: Decimal | null): string | null => (d === null ? null : decimalString(d));
const isEmpty = (c: JournalContent): boolean =>
  c.note === "" && c.tags.length === 0 && c.plannedRisk === null && c.stopPrice === null;

/**
 * Writes the journal of a trade: the first of the entries now attached to it is updated (and re-attached to
 * the trade's current executions), the others are folded into it and deleted, since the user saw and edited
 * their merged text. An empty journal deletes them all. Returns the entry, or null when cleared.
 */
export async function saveTradeJournal(
  db: DbExecutor,
  userId: string,
  trade: { readonly id: string; readonly trade: RoundTrip },
  attachedIds: readonly string[],
  content: JournalContent,
): Promise<JournalEntry | null> {
  const [keep, ...drop] = attachedIds;
  if (drop.length > 0 || (keep !== undefined && isEmpty(content))) {
    const gone = isEmpty(content) ? attachedIds : drop;
    await db.deleteFrom("journal_entries").where("user_id", "=", userId).where("id", "in", gone).execute();
  }
  if (isEmpty(content)) return null;
  const values = {
    ib_account_id: trade.trade.accountId,
    execution_ids: JSON.stringify(tradeExecutionIds(trade.trade)),
    anchor: JSON.stringify(anchorOf(trade.id, trade.trade)),
    note: content.note,
    tags: JSON.stringify(content.tags),
    planned_risk: numeric(content.plannedRisk),
    stop_price: numeric(content.stopPrice),
  };
  const row =
    keep === undefined
      ? await db
          .insertInto("journal_entries")
          .values({ id: randomUUID(), user_id: userId, ...values })
          .returningAll()
          .executeTakeFirstOrThrow()
      : await db
          .updateTable("journal_entries")
          .set({ ...values, updated_at: new Date(), rev: sql`nextval('journal_rev')` } as never)
          .where("user_id", "=", userId)
          .where("id", "=", keep)
          .returningAll()
          .executeTakeFirstOrThrow();
  return toEntry(row);
}

/** Attaches an entry (typically an orphan) to another trade; false when the user has no such entry. */
export async function reattachJournalEntry(
  db: DbExecutor,
  userId: string,
  entryId: string,
  trade: { readonly id: string; readonly trade: RoundTrip },
): Promise<boolean> {
  const r = await db
    .updateTable("journal_entries")
    .set({
      ib_account_id: trade.trade.accountId,
      execution_ids: JSON.stringify(tradeExecutionIds(trade.trade)),
      anchor: JSON.stringify(anchorOf(trade.id, trade.trade)),
      updated_at: new Date(),
      rev: sql`nextval('journal_rev')`,
    } as never)
    .where("user_id", "=", userId)
    .where("id", "=", entryId)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function deleteJournalEntry(db: DbExecutor, userId: string, entryId: string): Promise<boolean> {
  const r = await db
    .deleteFrom("journal_entries")
    .where("user_id", "=", userId)
    .where("id", "=", entryId)
    .executeTakeFirst();
  return r.numDeletedRows > 0n;
}

export async function loadJournalSettings(db: DbExecutor, userId: string): Promise<JournalSettings> {
  const row = await db
    .selectFrom("journal_settings")
    .select(["default_risk", "public_tags"])
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return {
    defaultRisk: row?.default_risk == null ? null : new Decimal(row.default_risk),
    publicTags: (row?.public_tags as string[] | undefined) ?? [],
  };
}

export async function saveJournalSettings(
  db: DbExecutor,
  userId: string,
  settings: JournalSettings,
): Promise<void> {
  const values = {
    default_risk: numeric(settings.defaultRisk),
    public_tags: JSON.stringify(settings.publicTags),
  };
  await db
    .insertInto("journal_settings")
    .values({ user_id: userId, ...values })
    .onConflict((oc) =>
      oc.column("user_id").doUpdateSet({ ...values, rev: sql`nextval('journal_rev')` } as never),
    )
    .execute();
}

export interface DayNote {
  readonly date: string;
  readonly note: string;
  readonly updatedAt: string;
}

export async function loadDayNote(db: DbExecutor, userId: string, date: string): Promise<DayNote | null> {
  const row = await db
    .selectFrom("journal_days")
    .select(["day", "note", "updated_at"])
    .where("user_id", "=", userId)
    .where("day", "=", date)
    .executeTakeFirst();
  return row ? { date: row.day, note: row.note, updatedAt: row.updated_at.toISOString() } : null;
}

/** Writes the day's note; an empty note deletes it. */
export async function saveDayNote(db: DbExecutor, userId: string, date: string, note: string): Promise<void> {
  if (note === "") {
    await db.deleteFrom("journal_days").where("user_id", "=", userId).where("day", "=", date).execute();
    return;
  }
  await db
    .insertInto("journal_days")
    .values({ user_id: userId, day: date, note })
    .onConflict((oc) => oc.columns(["user_id", "day"]).doUpdateSet({ note, updated_at: new Date() }))
    .execute();
}

export async function listDayNotes(db: DbExecutor, userId: string): Promise<DayNote[]> {
  const rows = await db
    .selectFrom("journal_days")
    .select(["day", "note", "updated_at"])
    .where("user_id", "=", userId)
    .orderBy("day")
    .execute();
  return rows.map((r) => ({ date: r.day, note: r.note, updatedAt: r.updated_at.toISOString() }));
}

/** Characters of the user's notes (entries and days), leaving out those a write is about to replace. */
export async function journalCharsUsed(
  db: DbExecutor,
  userId: string,
  except: { readonly entryIds?: readonly string[]; readonly day?: string } = {},
): Promise<number> {
  let entries = db
    .selectFrom("journal_entries")
    .select(sql<string>`coalesce(sum(char_length(note)), 0)::text`.as("n"))
    .where("user_id", "=", userId);
  if (except.entryIds && except.entryIds.length > 0) entries = entries.where("id", "not in", except.entryIds);
  let days = db
    .selectFrom("journal_days")
    .select(sql<string>`coalesce(sum(char_length(note)), 0)::text`.as("n"))
    .where("user_id", "=", userId);
  if (except.day !== undefined) days = days.where("day", "!=", except.day);
  const [a, b] = await Promise.all([entries.executeTakeFirst(), days.executeTakeFirst()]);
  return Number(a?.n ?? 0) + Number(b?.n ?? 0);
}
