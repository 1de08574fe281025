// The journal API (docs/api.md "Journal"): a trade's note, tags and planned risk; day notes; entries that no
// longer match a trade (orphans) to reattach or delete; tag suggestions; the default risk and the tags whose
// statistics the public profile may show. Every query is scoped to the signed-in user.
import { Decimal, riskFromStop } from "@closeout/core";
import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps, AppEnv } from "../api/app-env.ts";
import { notFound } from "../api/http-errors.ts";
import { requireUser } from "../api/security-middleware.ts";
import type { TradeBook } from "../api/trade-book.ts";
import { exchangeClock } from "../api/trade-filters.ts";
import { apiTradeJson } from "../api/trade-json.ts";
import { zv } from "../api/validate.ts";
import { AppError } from "../app-error.ts";
import { tradeJournalJson } from "./attach-journal.ts";
import {
  deleteJournalEntry,
  type JournalEntry,
  journalCharsUsed,
  loadDayNote,
  loadJournalSettings,
  reattachJournalEntry,
  saveDayNote,
  saveJournalSettings,
  saveTradeJournal,
  tradeExecutionIds,
} from "./journal-repository.ts";
import {
  createJournalWriteLimit,
  DEFAULT_JOURNAL_MAX_CHARS,
  DEFAULT_JOURNAL_WRITES_PER_MINUTE,
} from "./journal-write-limit.ts";
import { loadJournalIndex } from "./load-journal-index.ts";
import { MAX_TAG_LENGTH, MAX_TAGS_PER_TRADE, normalizeTags } from "./normalize-tag.ts";

/** UTF-16 code units, as a browser's textarea maxlength counts them. */
export const MAX_NOTE_LENGTH = 20_000;

// Amounts are exact decimals written as text: a JSON number may already have lost digits.
const positiveDecimal = z
  .string({ message: 'must be a decimal number written as text, e.g. "100" or "12.5"' })
  .regex(/^\d{1,15}(\.\d{1,10})?$/, 'must be a decimal number written as text, e.g. "100" or "12.5"')
  .refine((s) => new Decimal(s).gt(0), "must be more than 0");

const note = z
  .string({ message: "must be text" })
  .max(MAX_NOTE_LENGTH, `must be at most ${MAX_NOTE_LENGTH} characters`);
const tags = z
  .array(z.string({ message: "must be text" }).max(MAX_TAG_LENGTH * 4, "is too long"), {
    message: "must be a list of tags",
  })
  .max(MAX_TAGS_PER_TRADE, `must hold at most ${MAX_TAGS_PER_TRADE} tags`)
  .transform((raw, ctx): string[] => {
    const n = normalizeTags(raw);
    if ("error" in n) {
      ctx.addIssue({ code: "custom", message: n.error });
      return z.NEVER;
    }
    return n.tags;
  });

const journalBody = z
  .object({
    note: note.default(""),
    tags: tags.default([]),
    plannedRisk: positiveDecimal.nullable().optional(),
    stopPrice: positiveDecimal.nullable().optional(),
  })
  .strict()
  .refine((b) => !(b.plannedRisk != null && b.stopPrice != null), {
    message: "give plannedRisk or stopPrice, not both",
    path: ["stopPrice"],
  });

const idParam = z.object({ id: z.string().max(64) });
const entryParam = z.object({ entryId: z.uuid({ message: "is not a journal entry id" }) });
const reattachBody = z.object({ tradeId: z.string().min(1).max(64) }).strict();
const dateParam = z.object({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as yyyy-MM-dd")
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return (
        !Number.isNaN(d.getTime()) &&
        d.toISOString().slice(0, 10) === s &&
        s >= "1990-01-01" &&
        s <= "2100-12-31"
      );
    }, "is not a calendar date between 1990 and 2100"),
});
const dayBody = z.object({ note }).strict();
const tagsQuery = z.object({ q: z.string().max(MAX_TAG_LENGTH).optional() });
const settingsBody = z
  .object({
    defaultRisk: positiveDecimal.nullable(),
    publicTags: tags,
  })
  .strict();

function orphanJson(e: JournalEntry) {
  return {
    id: e.id,
    accountId: e.ibAccountId,
    executionIds: e.executionIds,
    attachedTo: e.anchor,
    note: e.note,
    tags: e.tags,
    plannedRisk: e.plannedRisk?.toFixed() ?? null,
    stopPrice: e.stopPrice?.toFixed() ?? null,
    updatedAt: e.updatedAt,
  };
}

export function journalRoutes(deps: AppDeps) {
  const db = deps.db.kysely;
  const books = deps.books!;
  const limit = createJournalWriteLimit(
    deps.journalWritesPerMinute ?? DEFAULT_JOURNAL_WRITES_PER_MINUTE,
    () => deps.clock.now(),
  );
  const maxChars = deps.journalMaxChars ?? DEFAULT_JOURNAL_MAX_CHARS;
  const load = async (userId: string) => {
    const book = await books.load(db, userId);
    return { book, journal: (await loadJournalIndex(db, userId, book)).index };
  };
  const checkRoom = async (
    userId: string,
    adding: number,
    except: Parameters<typeof journalCharsUsed>[2],
  ) => {
    if (adding === 0) return;
    if ((await journalCharsUsed(db, userId, except)) + adding > maxChars)
      throw new AppError(
        "payload-too-large",
        `the journal is full (${maxChars} characters of notes at most)`,
      );
  };
  const tradeOf = (book: TradeBook, id: string) => {
    const found = book.byId.get(id);
    if (!found) throw notFound("trade");
    if (tradeExecutionIds(found.trade).length === 0)
      throw new AppError("validation", "this trade has no IB execution to attach a journal to", {
        fields: { id: "has no execution ids" },
      });
    return found;
  };

  return new Hono<AppEnv>()
    .put("/trades/:id/journal", requireUser, zv("param", idParam), zv("json", journalBody), async (c) => {
      const userId = c.get("userId");
      limit.take(userId);
      const body = c.req.valid("json");
      const { book, journal } = await load(userId);
      const trade = tradeOf(book, c.req.valid("param").id);
      const stopPrice = body.stopPrice == null ? null : new Decimal(body.stopPrice);
      if (stopPrice !== null && riskFromStop(trade.trade, stopPrice) === null) {
        throw new AppError("validation", "the stop is on the wrong side of the entries: it risks nothing", {
          fields: { stopPrice: `must be ${trade.trade.side === "long" ? "below" : "above"} the entry price` },
        });
      }
      const attached = journal.of(trade).entryIds;
      await checkRoom(userId, body.note.length, { entryIds: attached });
      await db.transaction().execute((tx) =>
        saveTradeJournal(tx, userId, trade, attached, {
          note: body.note,
          tags: body.tags,
          plannedRisk: body.plannedRisk == null ? null : new Decimal(body.plannedRisk),
          stopPrice,
        }),
      );
      const after = await load(userId);
      return c.json({ journal: tradeJournalJson(after.journal.of(trade)) }, 200);
    })
    .get("/journal/orphans", requireUser, async (c) => {
      const { journal } = await load(c.get("userId"));
      return c.json({ count: journal.orphans.length, orphans: journal.orphans.map(orphanJson) }, 200);
    })
    .post(
      "/journal/entries/:entryId/reattach",
      requireUser,
      zv("param", entryParam),
      zv("json", reattachBody),
      async (c) => {
        const userId = c.get("userId");
        limit.take(userId);
        const { book } = await load(userId);
        const trade = tradeOf(book, c.req.valid("json").tradeId);
        if (!(await reattachJournalEntry(db, userId, c.req.valid("param").entryId, trade)))
          throw notFound("journal entry");
        const after = await load(userId);
        return c.json({ journal: tradeJournalJson(after.journal.of(trade)) }, 200);
      },
    )
    .delete("/journal/entries/:entryId", requireUser, zv("param", entryParam), async (c) => {
      const userId = c.get("userId");
      limit.take(userId);
      if (!(await deleteJournalEntry(db, userId, c.req.valid("param").entryId)))
        throw notFound("journal entry");
      return c.json({ deleted: true }, 200);
    })
    .get("/journal/tags", requireUser, zv("query", tagsQuery), async (c) => {
      const { journal } = await load(c.get("userId"));
      const q = c.req.valid("query").q?.trim().toLowerCase() ?? "";
      const suggestions = [...journal.tagCounts]
        .filter(([tag]) => q === "" || tag.includes(q))
        .sort(([a, n], [b, m]) => m - n || (a < b ? -1 : a > b ? 1 : 0))
        .slice(0, 50)
        .map(([tag, count]) => ({ tag, count: String(count) }));
      return c.json({ tags: suggestions }, 200);
    })
    .get("/journal/settings", requireUser, async (c) => {
      const s = await loadJournalSettings(db, c.get("userId"));
      return c.json({ defaultRisk: s.defaultRisk?.toFixed() ?? null, publicTags: s.publicTags }, 200);
    })
    .put("/journal/settings", requireUser, zv("json", settingsBody), async (c) => {
      const userId = c.get("userId");
      limit.take(userId);
      const body = c.req.valid("json");
      await saveJournalSettings(db, userId, {
        defaultRisk: body.defaultRisk === null ? null : new Decimal(body.defaultRisk),
        publicTags: body.publicTags,
      });
      return c.json({ defaultRisk: body.defaultRisk, publicTags: body.publicTags }, 200);
    })
    .get("/journal/:date", requireUser, zv("param", dateParam), async (c) => {
      const userId = c.get("userId");
      const { date } = c.req.valid("param");
      const { book, journal } = await load(userId);
      const day = await loadDayNote(db, userId, date);
      const trades = book.trades
        .filter((t) => exchangeClock.wallTime(t.trade.closedAt).date === date)
        .map((t) => ({ ...apiTradeJson(t), journal: tradeJournalJson(journal.of(t)) }));
      return c.json({ date, note: day?.note ?? "", updatedAt: day?.updatedAt ?? null, trades }, 200);
    })
    .put("/journal/:date", requireUser, zv("param", dateParam), zv("json", dayBody), async (c) => {
      const userId = c.get("userId");
      limit.take(userId);
      const { date } = c.req.valid("param");
      const { note: text } = c.req.valid("json");
      await checkRoom(userId, text.length, { day: date });
      await saveDayNote(db, userId, date, text);
      const day = await loadDayNote(db, userId, date);
      return c.json({ date, note: day?.note ?? "", updatedAt: day?.updatedAt ?? null }, 200);
    });
}
