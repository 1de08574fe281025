// The journal as one JSON document, for backups and for moving between closeout instances. Entries keep their
// ids and execution ids, so importing the same document twice adds nothing, and on another instance the notes
// find their trades once the same IB statements are imported there.
import { Decimal } from "@closeout/core";
import { z } from "zod";
import { validationError } from "../api/validate.ts";
import { AppError } from "../app-error.ts";
import type { DbExecutor } from "../db/database.ts";
import { listDayNotes, listJournalEntries, loadJournalSettings } from "./journal-repository.ts";
import { MAX_TAGS_PER_TRADE, normalizeTags } from "./normalize-tag.ts";

export const JOURNAL_FORMAT = "closeout-journal";
export const JOURNAL_FORMAT_VERSION = 1;
const MAX_NOTE = 20_000;

export async function exportJournal(db: DbExecutor, userId: string) {
  const [entries, days, settings] = await Promise.all([
    listJournalEntries(db, userId),
    listDayNotes(db, userId),
    loadJournalSettings(db, userId),
  ]);
  return {
    format: JOURNAL_FORMAT,
    version: JOURNAL_FORMAT_VERSION,
    settings: { defaultRisk: settings.defaultRisk?.toFixed() ?? null, publicTags: settings.publicTags },
    entries: entries.map((e) => ({
      id: e.id,
      accountId: e.ibAccountId,
      executionIds: e.executionIds,
      attachedTo: e.anchor,
      note: e.note,
      tags: e.tags,
      plannedRisk: e.plannedRisk?.toFixed() ?? null,
      stopPrice: e.stopPrice?.toFixed() ?? null,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
    })),
    days: days.map((d) => ({ date: d.date, note: d.note, updatedAt: d.updatedAt })),
  };
}
export type JournalDocument = Awaited<ReturnType<typeof exportJournal>>;

const decimal = z.string().regex(/^\d{1,15}(\.\d{1,10})?$/, "must be a decimal number as text");
const tags = z
  .array(z.string().max(200))
  .max(MAX_TAGS_PER_TRADE)
  .transform((raw, ctx): string[] => {
    const n = normalizeTags(raw);
    if ("error" in n) {
      ctx.addIssue({ code: "custom", message: n.error });
      return z.NEVER;
    }
    return n.tags;
  });
const iso = z.iso.datetime({ offset: true });
const documentSchema = z.object({
  format: z.literal(JOURNAL_FORMAT, { message: `must be "${JOURNAL_FORMAT}"` }),
  version: z.literal(JOURNAL_FORMAT_VERSION, { message: `must be ${JOURNAL_FORMAT_VERSION}` }),
  settings: z.object({ defaultRisk: decimal.nullable(), publicTags: tags }),
  entries: z
    .array(
      z.object({
        id: z.uuid(),
        accountId: z.string().min(1).max(64),
        executionIds: z.array(z.string().min(1).max(128)).min(1).max(10_000),
        attachedTo: z.object({
          tradeId: z.string().max(64),
          symbol: z.string().max(128),
          side: z.string().max(16),
          openedAt: z.string().max(40),
          closedAt: z.string().max(40),
          quantity: z.string().max(64),
          currency: z.string().max(8),
          realizedPnl: z.string().max(64),
        }),
        note: z.string().max(MAX_NOTE),
        tags,
        plannedRisk: decimal.nullable(),
        stopPrice: decimal.nullable(),
        createdAt: iso,
        updatedAt: iso,
      }),
    )
    .max(200_000),
  days: z
    .array(z.object({ date: z.iso.date(), note: z.string().min(1).max(MAX_NOTE), updatedAt: iso }))
    .max(100_000),
});

export interface JournalImportResult {
  readonly entriesAdded: number;
  readonly entriesExisting: number;
  readonly daysAdded: number;
  readonly daysExisting: number;
  readonly settingsApplied: boolean;
}

/**
 * Adds what the document holds and the user has not: entries by id, day notes by date. Nothing already there
 * is overwritten; settings are applied only when the user has none. One transaction: all or nothing.
 */
export async function importJournal(
  db: DbExecutor,
  userId: string,
  document: unknown,
): Promise<JournalImportResult> {
  const parsed = documentSchema.safeParse(document);
  if (!parsed.success) throw validationError(parsed.error);
  const doc = parsed.data;
  const run = async (tx: DbExecutor): Promise<JournalImportResult> => {
    let entriesAdded = 0;
    for (const e of doc.entries) {
      const r = await tx
        .insertInto("journal_entries")
        .values({
          id: e.id,
          user_id: userId,
          ib_account_id: e.accountId,
          execution_ids: JSON.stringify(e.executionIds),
          anchor: JSON.stringify(e.attachedTo),
          note: e.note,
          tags: JSON.stringify(e.tags),
          planned_risk: e.plannedRisk === null ? null : new Decimal(e.plannedRisk).toFixed(),
          stop_price: e.stopPrice === null ? null : new Decimal(e.stopPrice).toFixed(),
          created_at: e.createdAt,
          updated_at: e.updatedAt,
        })
        .onConflict((oc) => oc.columns(["user_id", "id"]).doNothing())
        .executeTakeFirst();
      entriesAdded += Number(r.numInsertedOrUpdatedRows ?? 0n);
    }
    let daysAdded = 0;
    for (const d of doc.days) {
      const r = await tx
        .insertInto("journal_days")
        .values({ user_id: userId, day: d.date, note: d.note, updated_at: d.updatedAt })
        .onConflict((oc) => oc.columns(["user_id", "day"]).doNothing())
        .executeTakeFirst();
      daysAdded += Number(r.numInsertedOrUpdatedRows ?? 0n);
    }
    const s = await tx
      .insertInto("journal_settings")
      .values({
        user_id: userId,
        default_risk: doc.settings.defaultRisk,
        public_tags: JSON.stringify(doc.settings.publicTags),
      })
      .onConflict((oc) => oc.column("user_id").doNothing())
      .executeTakeFirst();
    return {
      entriesAdded,
      entriesExisting: doc.entries.length - entriesAdded,
      daysAdded,
      daysExisting: doc.days.length - daysAdded,
      settingsApplied: Number(s.numInsertedOrUpdatedRows ?? 0n) > 0,
    };
  };
  if ("transaction" in db && typeof db.transaction === "function" && !db.isTransaction)
    return db.transaction().execute(run);
  return run(db);
}

/** Reads a journal document's text; the error says what is wrong without echoing it. */
export function parseJournalText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError(
      "validation",
      "the journal file is not JSON (export one with `closeout journal export`)",
    );
  }
}
