// The filters shared by /api/trades, /api/trades.csv and /api/stats (docs/api.md). Dates are close dates in
// exchange time (America/New_York), as IB reports them.
import { createExchangeClock, outcomeOf } from "@closeout/core";
import { z } from "zod";
import { AppError } from "../app-error.ts";
import { normalizeTag } from "../journal/normalize-tag.ts";
import type { BookTrade, TradeBook } from "./trade-book.ts";
import type { UnderlyingOf } from "./trade-underlyings.ts";

export const EXCHANGE_TIME_ZONE = "America/New_York";
export const exchangeClock = createExchangeClock(EXCHANGE_TIME_ZONE);

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as yyyy-MM-dd")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "is not a calendar date");
// A query value is text; the RPC client may also hand over a number (it is sent as its text).
const seconds = z.coerce
  .number<string | number>({ message: "must be a number of seconds" })
  .int("must be a whole number of seconds")
  .min(0, "must not be negative");

/**
 * Tags of the journal filter: comma-separated or repeated, normalised like the tags written; "group:*" means
 * any tag of the group (journal/normalize-tag.ts).
 */
const tagList = z
  .union([z.string().max(1000), z.array(z.string().max(1000)).max(20)])
  .transform((v, ctx): string[] => {
    const out = new Set<string>();
    for (const raw of [v].flat().flatMap((s) => s.split(","))) {
      if (raw.trim() === "") continue;
      const group = /^(.+):\*$/.exec(raw.trim());
      const n = normalizeTag(group ? group[1]! : raw);
      if ("error" in n) {
        ctx.addIssue({ code: "custom", message: `tag "${raw.slice(0, 40)}" ${n.error}` });
        return z.NEVER;
      }
      out.add(group ? `${n.tag}:*` : n.tag);
    }
    if (out.size > 20) {
      ctx.addIssue({ code: "custom", message: "must name at most 20 tags" });
      return z.NEVER;
    }
    return [...out].sort();
  });

export const tradeFilterSchema = z
  .object({
    /** Any of these tags. */
    tag: tagList.optional(),
    /** All of these tags. */
    tagAll: tagList.optional(),
    /** None of these tags. */
    tagNone: tagList.optional(),
    account: z.string().min(1).max(64).optional(),
    symbol: z.string().min(1).max(64).optional(),
    /** An underlying's trades: the stock, its options and futures (trade-underlyings.ts). */
    underlying: z.string().min(1).max(64).optional(),
    assetClass: z.string().min(1).max(16).optional(),
    side: z.enum(["long", "short"], { message: 'must be "long" or "short"' }).optional(),
    from: date.optional(),
    to: date.optional(),
    outcome: z.enum(["win", "loss", "scratch"], { message: 'must be "win", "loss" or "scratch"' }).optional(),
    minHoldSeconds: seconds.optional(),
    maxHoldSeconds: seconds.optional(),
  })
  .refine((f) => !(f.from && f.to && f.from > f.to), {
    message: "must be on or before the end date (to)",
    path: ["from"],
  })
  .refine(
    (f) =>
      !(
        f.minHoldSeconds !== undefined &&
        f.maxHoldSeconds !== undefined &&
        f.minHoldSeconds > f.maxHoldSeconds
      ),
    { message: "must not be more than maxHoldSeconds", path: ["minHoldSeconds"] },
  );

export type TradeFilter = z.output<typeof tradeFilterSchema>;

/** The account filter takes closeout's account id or the IB account id; an unknown one is a 404. */
export function resolveAccount(book: TradeBook, account: string | undefined): string | null {
  if (account === undefined) return null;
  const found = book.accounts.find((a) => a.id === account || a.ibAccountId === account);
  if (!found) throw new AppError("not-found", "this account was not found among yours");
  return found.id;
}

/** Whether a trade's tags hold `wanted`: a tag, or "group:*" for any tag of the group. */
function hasTag(tags: readonly string[], wanted: string): boolean {
  if (!wanted.endsWith(":*")) return tags.includes(wanted);
  const prefix = wanted.slice(0, -1);
  return tags.some((t) => t.startsWith(prefix));
}

/** The tag filter is empty when no tag list names a tag. */
export const filtersByTag = (f: TradeFilter): boolean =>
  (f.tag?.length ?? 0) + (f.tagAll?.length ?? 0) + (f.tagNone?.length ?? 0) > 0;

/** What some filters need beyond the book. */
export interface FilterLookups {
  /** Needed when the filter names an underlying (loadUnderlyings). */
  readonly underlyingOf?: UnderlyingOf;
  /** A trade's journal tags (journal/attach-journal.ts); without it no trade has a tag. */
  readonly tagsOf?: (tradeId: string) => readonly string[];
}

export function filterTrades(book: TradeBook, filter: TradeFilter, lookups: FilterLookups = {}): BookTrade[] {
  const { underlyingOf, tagsOf = () => [] } = lookups;
  const byTag = filtersByTag(filter);
  const accountId = resolveAccount(book, filter.account);
  const symbol = filter.symbol?.toUpperCase();
  const underlying = filter.underlying?.toUpperCase();
  if (underlying !== undefined && underlyingOf === undefined)
    throw new Error("filterTrades: an underlying filter needs the book's underlyings");
  const assetClass = filter.assetClass?.toUpperCase();
  const needsDate = filter.from !== undefined || filter.to !== undefined;
  return book.trades.filter((bt) => {
    const { id, accountDbId, trade: t } = bt;
    if (byTag) {
      const tags = tagsOf(id);
      if (filter.tag?.length && !filter.tag.some((w) => hasTag(tags, w))) return false;
      if (filter.tagAll?.length && !filter.tagAll.every((w) => hasTag(tags, w))) return false;
      if (filter.tagNone?.some((w) => hasTag(tags, w))) return false;
    }
    if (accountId !== null && accountDbId !== accountId) return false;
    if (symbol !== undefined && t.symbol.toUpperCase() !== symbol) return false;
    if (underlying !== undefined && underlyingOf!(bt).toUpperCase() !== underlying) return false;
    if (assetClass !== undefined && t.assetClass.toUpperCase() !== assetClass) return false;
    if (filter.side !== undefined && t.side !== filter.side) return false;
    if (filter.outcome !== undefined && outcomeOf(t.realizedPnlBase) !== filter.outcome) return false;
    if (filter.minHoldSeconds !== undefined && t.holdingSeconds < filter.minHoldSeconds) return false;
    if (filter.maxHoldSeconds !== undefined && t.holdingSeconds > filter.maxHoldSeconds) return false;
    if (needsDate) {
      const day = exchangeClock.wallTime(t.closedAt).date;
      if (filter.from !== undefined && day < filter.from) return false;
      if (filter.to !== undefined && day > filter.to) return false;
    }
    return true;
  });
}

/** ISO-8601 with the exchange's offset, e.g. 2025-01-15T09:30:15-05:00. */
export function exchangeTimeOf(iso: string): string {
  const ms = Date.parse(iso);
  const offsetMs = exchangeClock.offsetAt(ms);
  const wall = new Date(ms + offsetMs).toISOString().slice(0, 19);
  const sign = offsetMs < 0 ? "-" : "+";
  const abs = Math.abs(offsetMs) / 60_000;
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${wall}${sign}${hh}:${mm}`;
}
