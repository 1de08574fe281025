// The filters shared by /api/trades, /api/trades.csv and /api/stats (docs/api.md). Dates are close dates in
// exchange time (America/New_York), as IB reports them.
import { createExchangeClock, outcomeOf } from "@closeout/core";
import { z } from "zod";
import { AppError } from "../app-error.ts";
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

export const tradeFilterSchema = z
  .object({
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

/** `underlyingOf` is needed when the filter names an underlying (loadUnderlyings). */
export function filterTrades(book: TradeBook, filter: TradeFilter, underlyingOf?: UnderlyingOf): BookTrade[] {
  const accountId = resolveAccount(book, filter.account);
  const symbol = filter.symbol?.toUpperCase();
  const underlying = filter.underlying?.toUpperCase();
  if (underlying !== undefined && underlyingOf === undefined)
    throw new Error("filterTrades: an underlying filter needs the book's underlyings");
  const assetClass = filter.assetClass?.toUpperCase();
  const needsDate = filter.from !== undefined || filter.to !== undefined;
  return book.trades.filter((bt) => {
    const { accountDbId, trade: t } = bt;
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
