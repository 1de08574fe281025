// Trades, their detail with executions, CSV export, open positions, unmatched executions and statistics.
// Every figure comes from core (buildTrades → computeSummary / computeStats) over the user's own book.
import {
  computeStats,
  computeSummary,
  type Decimal,
  decimalString,
  type RoundTrip,
  selectBaseCurrencyTrades,
  sum,
  summaryToJson,
} from "@closeout/core";
import { Hono } from "hono";
import { z } from "zod";
import { AppError } from "../../app-error.ts";
import { executionKey } from "../../db/flex-rows.ts";
import { attachJournal, type JournalIndex, tradeJournalJson } from "../../journal/attach-journal.ts";
import { journalStats } from "../../journal/journal-stats.ts";
import { loadJournalIndex } from "../../journal/load-journal-index.ts";
import type { AppDeps, AppEnv } from "../app-env.ts";
import { breakdownRows, breakdownRowToJson, topRows } from "../breakdown-rows.ts";
import { notFound } from "../http-errors.ts";
import { cachedJson } from "../response-cache.ts";
import { requireUser } from "../security-middleware.ts";
import { statsToJson } from "../stats-json.ts";
import type { BookTrade, TradeBook } from "../trade-book.ts";
import {
  EXCHANGE_TIME_ZONE,
  exchangeClock,
  exchangeTimeOf,
  type FilterLookups,
  filterTrades,
  resolveAccount,
  type TradeFilter,
  tradeFilterSchema,
} from "../trade-filters.ts";
import { apiTradeDetailJson, apiTradeJson, apiUnmatchedJson, openPositionToJson } from "../trade-json.ts";
import { loadUnderlyings, type UnderlyingOf } from "../trade-underlyings.ts";
import { CSV_COLUMNS, csvCell } from "../trades-csv.ts";
import { zv } from "../validate.ts";
import { weeklyPnl, weeklyToJson } from "../weekly-pnl.ts";

const SORTS = {
  closedAt: (a: RoundTrip, b: RoundTrip) => cmp(a.closedAt, b.closedAt),
  openedAt: (a: RoundTrip, b: RoundTrip) => cmp(a.openedAt, b.openedAt),
  pnl: (a: RoundTrip, b: RoundTrip) => a.realizedPnlBase.cmp(b.realizedPnlBase),
  returnPct: (a: RoundTrip, b: RoundTrip) => cmpDecimal(a.returnPct, b.returnPct),
  holdingSeconds: (a: RoundTrip, b: RoundTrip) => a.holdingSeconds - b.holdingSeconds,
  symbol: (a: RoundTrip, b: RoundTrip) => cmp(a.symbol, b.symbol),
} as const;
type SortKey = keyof typeof SORTS;
/** `closedAt`, `-closedAt`, … — typed, so the RPC client knows every sort. */
const SORT_VALUES = Object.keys(SORTS).flatMap((k) => [k, `-${k}`]) as [
  SortKey | `-${SortKey}`,
  ...(SortKey | `-${SortKey}`)[],
];

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
function cmpDecimal(a: Decimal | null, b: Decimal | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return a.cmp(b);
}

const sortField = z
  .enum(SORT_VALUES, { message: `must be one of ${SORT_VALUES.join(", ")}` })
  .default("-closedAt");
/** A trade's detail takes the list's filters and sort, to name its neighbours in that list. */
const detailQuery = tradeFilterSchema.and(z.object({ sort: sortField }));
const listQuery = tradeFilterSchema.and(
  z.object({
    sort: sortField,
    cursor: z.string().max(200).optional(),
    limit: z.coerce
      .number<string | number>({ message: "must be a number" })
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(500, "must be at most 500")
      .default(100),
  }),
);
const filterQuery = tradeFilterSchema;
/** What GET /api/stats adds on request: core's whole equity curve, every symbol row. */
const STATS_DETAILS = ["equity", "symbols"] as const;
export type StatsDetail = (typeof STATS_DETAILS)[number];
/** bySymbol rows in the light answer (most closed trades first chosen); `detail=symbols` gives them all. */
export const STATS_SYMBOL_LIMIT = 50;
const detailName = z.enum(STATS_DETAILS);
/** One `detail` value: a name or two, comma-separated (`detail=symbols,equity`). */
const detailValue = z.union([detailName, z.templateLiteral([detailName, ",", detailName])]);
const DETAIL_MESSAGE = 'must be "equity", "symbols" or both (comma-separated or repeated)';
const statsQuery = tradeFilterSchema.and(
  z.object({
    // `detail=symbols,equity` or `detail=symbols&detail=equity`; normalized to the sorted distinct names.
    detail: z
      .union([detailValue, z.array(detailValue).max(4)], { message: DETAIL_MESSAGE })
      .optional()
      .transform((v): StatsDetail[] => {
        const names = new Set((v === undefined ? [] : [v].flat()).flatMap((d) => d.split(",")));
        return STATS_DETAILS.filter((d) => names.has(d));
      }),
  }),
);
const accountQuery = z.object({ account: z.string().min(1).max(64).optional() });
const idParam = z.object({ id: z.string().max(64) });

/** Sorted copy: the sort key, then output order (rule 15) as the tie-break, so pages never overlap. */
function sortTrades(trades: BookTrade[], sort: string): BookTrade[] {
  const desc = sort.startsWith("-");
  const by = SORTS[(desc ? sort.slice(1) : sort) as SortKey];
  const index = new Map(trades.map((t, i) => [t.id, i]));
  const sorted = [...trades].sort((a, b) => by(a.trade, b.trade) || index.get(a.id)! - index.get(b.id)!);
  return desc ? sorted.reverse() : sorted;
}

function encodeCursor(sort: string, lastId: string): string {
  return Buffer.from(JSON.stringify([sort, lastId]), "utf8").toString("base64url");
}

function decodeCursor(cursor: string, sort: string): string {
  try {
    const [s, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [unknown, unknown];
    if (s === sort && typeof id === "string") return id;
  } catch {}
  throw new AppError("validation", "the cursor does not belong to this list; start again without it", {
    fields: { cursor: "is not a cursor of this list" },
  });
}

/**
 * The filtered list's P&L in the base currency, over the trades the summary covers (accounts of another base
 * currency do not add up): the same figure as /api/stats' netPnlBase for the same filters.
 */
function pnlTotalOf(b: TradeBook, trades: readonly BookTrade[]) {
  const scope = selectBaseCurrencyTrades(
    trades.map((t) => t.trade),
    b.accountSummaries,
  );
  return {
    currency: scope.baseCurrency,
    amount: decimalString(sum(scope.trades.map((t) => t.realizedPnlBase))),
    trades: scope.trades.length,
  };
}

/** The trades before and after `id` in the list these filters and sort give; null at an end or outside it. */
function neighboursOf(b: TradeBook, id: string, q: TradeFilter & { sort: string }, lookups: FilterLookups) {
  const list = sortTrades(filterTrades(b, q, lookups), q.sort);
  const at = list.findIndex((t) => t.id === id);
  if (at < 0) return { previous: null, next: null, position: null, total: list.length };
  return {
    previous: list[at - 1]?.id ?? null,
    next: list[at + 1]?.id ?? null,
    position: at + 1,
    total: list.length,
  };
}

/**
 * What GET /api/stats answers; every figure from core (computeSummary, computeStats), with the journal's
 * figures (byTag, byTagGroup, r) when `journal` is given.
 */
export function statsAnswer(
  b: TradeBook,
  filter: TradeFilter,
  underlyingOf: UnderlyingOf,
  detail: readonly StatsDetail[] = [],
  journal?: JournalIndex,
) {
  const booked = filterTrades(b, filter, { underlyingOf, tagsOf: journal?.tagsOf });
  const trades = booked.map((t) => t.trade);
  const { summary, issues } = computeSummary(trades, b.accountSummaries);
  // Amounts in different base currencies do not add up: the stats cover the summary's accounts.
  const scope = selectBaseCurrencyTrades(trades, b.accountSummaries);
  const inScope = new Set(scope.trades);
  const stats = computeStats(scope.trades, { timeZone: EXCHANGE_TIME_ZONE });
  const inScopeTrades = booked.filter((t) => inScope.has(t.trade));
  const underlyings = breakdownRows(inScopeTrades, "underlying", underlyingOf);
  const tagged = journalStats(
    inScopeTrades,
    journal ?? attachJournal({ trades: [] }, [], { defaultRisk: null, publicTags: [] }),
  );
  return {
    summary: summaryToJson(summary),
    // Most closed trades first chosen, like bySymbol; the paged list is /api/breakdowns/underlying.
    byUnderlying: topRows(underlyings, STATS_SYMBOL_LIMIT).map(breakdownRowToJson),
    byUnderlyingTotal: String(underlyings.length),
    /** The calendar's week rows (weekly-pnl.ts). */
    weekly: weeklyToJson(weeklyPnl(stats.daily)),
    // byTag, byTagGroup and r (docs/metrics.md "R") beside core's breakdowns.
    stats: {
      ...statsToJson(stats, {
        equity: detail.includes("equity")
          ? { resolution: "trade" }
          : { resolution: "day", dayOf: exchangeDayOf },
        symbolLimit: detail.includes("symbols") ? undefined : STATS_SYMBOL_LIMIT,
      }),
      ...tagged,
    },
    issues: issues.map((i) => ({ code: i.code, path: i.path, message: i.message })),
  };
}
export type StatsAnswer = ReturnType<typeof statsAnswer>;

const exchangeDayOf = (iso: string): string => exchangeClock.wallTime(iso).date;

/**
 * One cache key per distinct answer: the account resolved to its id, symbol and class upper-cased, the details
 * as the validator normalized them (sorted, distinct).
 */
function statsKey(b: TradeBook, filter: TradeFilter, detail: readonly StatsDetail[] = []): string {
  const normalized: Record<string, unknown> = {
    ...filter,
    account: resolveAccount(b, filter.account) ?? undefined,
    symbol: filter.symbol?.toUpperCase(),
    underlying: filter.underlying?.toUpperCase(),
    assetClass: filter.assetClass?.toUpperCase(),
  };
  const entries = Object.entries(normalized)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => cmp(a, b));
  return `stats:${detail.join(",")}:${JSON.stringify(entries)}`;
}

export function tradesRoutes(deps: AppDeps) {
  const db = deps.db.kysely;
  const books = deps.books!;
  const responses = deps.responses!;
  // After an import or a sync, the dashboard's unfiltered statistics are computed before anyone asks.
  books.onWarm((userId, b) => {
    Promise.all([loadUnderlyings(db, b), loadJournalIndex(db, userId, b)])
      .then(([u, j]) =>
        responses.get(userId, j.version, statsKey(b, {}), () => statsAnswer(b, {}, u, [], j.index)),
      )
      .catch(() => {});
  });
  const book = (userId: string): Promise<TradeBook> => books.load(db, userId);
  const journalOf = (userId: string, b: TradeBook) => loadJournalIndex(db, userId, b);

  return new Hono<AppEnv>()
    .get("/trades", requireUser, zv("query", listQuery), async (c) => {
      const q = c.req.valid("query");
      const b = await book(c.get("userId"));
      const { index: journal } = await journalOf(c.get("userId"), b);
      const lookups = { underlyingOf: await loadUnderlyings(db, b), tagsOf: journal.tagsOf };
      const all = sortTrades(filterTrades(b, q, lookups), q.sort);
      let start = 0;
      if (q.cursor !== undefined) {
        const lastId = decodeCursor(q.cursor, q.sort);
        const at = all.findIndex((t) => t.id === lastId);
        if (at < 0) {
          throw new AppError(
            "validation",
            "the list changed since this cursor was made; start again without it",
            {
              fields: { cursor: "is stale" },
            },
          );
        }
        start = at + 1;
      }
      const page = all.slice(start, start + q.limit);
      const last = page.at(-1);
      const nextCursor = start + q.limit < all.length && last ? encodeCursor(q.sort, last.id) : null;
      const withJournal = page.map((t) => {
        const j = journal.of(t);
        return { ...apiTradeJson(t), tags: j.tags, r: tradeJournalJson(j).r };
      });
      return c.json(
        { trades: withJournal, nextCursor, total: all.length, pnlTotal: pnlTotalOf(b, all) },
        200,
      );
    })
    .get("/trades.csv", requireUser, zv("query", filterQuery), async (c) => {
      const b = await book(c.get("userId"));
      const { index: journal } = await journalOf(c.get("userId"), b);
      const lookups = { underlyingOf: await loadUnderlyings(db, b), tagsOf: journal.tagsOf };
      const trades = filterTrades(b, c.req.valid("query"), lookups);
      const lines = [CSV_COLUMNS.join(",")];
      for (const t of trades) {
        const j = apiTradeJson(t);
        const tj = tradeJournalJson(journal.of(t));
        const row: Record<(typeof CSV_COLUMNS)[number], string | number | null> = {
          ...j,
          brokerPnl: j.reconciliation.brokerPnl,
          reconciliation: j.reconciliation.status,
          tags: tj.tags.join(" "),
          r: tj.r,
        };
        lines.push(CSV_COLUMNS.map((k) => csvCell(row[k])).join(","));
      }
      c.header("Content-Type", "text/csv; charset=utf-8");
      c.header("Content-Disposition", 'attachment; filename="closeout-trades.csv"');
      return c.body(`${lines.join("\r\n")}\r\n`, 200);
    })
    .get("/trades/:id", requireUser, zv("param", idParam), zv("query", detailQuery), async (c) => {
      const b = await book(c.get("userId"));
      const found = b.byId.get(c.req.valid("param").id);
      if (!found) throw notFound("trade");
      const { index: journal } = await journalOf(c.get("userId"), b);
      const lookups = { underlyingOf: await loadUnderlyings(db, b), tagsOf: journal.tagsOf };
      const neighbours = neighboursOf(b, found.id, c.req.valid("query"), lookups);
      const ids = found.trade.executionIds.filter((id) => id !== "");
      const rows =
        ids.length === 0
          ? []
          : await db
              .selectFrom("executions")
              .select([
                "transaction_id",
                "ib_exec_id",
                "exchange",
                "buy_sell",
                "open_close_indicator",
                "notes",
                "trade_date",
                "fifo_pnl_realized",
                "commission_currency",
              ])
              .where("account_id", "=", found.accountDbId)
              // A leg's id is the row's transactionID, else its ibExecID; either way its stored key (rule 2)
              // is one of these two, so the lookup goes through the primary key instead of every row.
              .where(
                "ib_key",
                "in",
                ids.flatMap((id) => [
                  executionKey({ transactionId: id, ibExecId: null, rawKey: "" }),
                  executionKey({ transactionId: null, ibExecId: id, rawKey: "" }),
                ]),
              )
              .execute();
      const rowOf = new Map<string, (typeof rows)[number]>();
      for (const r of rows) {
        if (r.ib_exec_id) rowOf.set(r.ib_exec_id, r);
        if (r.transaction_id) rowOf.set(r.transaction_id, r);
      }
      const executions = found.trade.legs.map((leg, i) => {
        const r = leg.executionId ? rowOf.get(leg.executionId) : undefined;
        return {
          id: leg.executionId ?? `synthetic-${i}`,
          time: leg.time,
          timeExchange: exchangeTimeOf(leg.time),
          quantity: decimalString(leg.quantity),
          price: decimalString(leg.price),
          multiplier: decimalString(leg.multiplier),
          commission: decimalString(leg.commission),
          cashFlow: decimalString(leg.cashFlow),
          fxRateToBase: decimalString(leg.fxRateToBase),
          opening: leg.opening,
          synthetic: leg.synthetic,
          exchange: r?.exchange ?? null,
          buySell: r?.buy_sell ?? null,
          openCloseIndicator: r?.open_close_indicator ?? null,
          notes: r?.notes ?? [],
          tradeDate: r?.trade_date ?? null,
          fifoPnlRealized: r?.fifo_pnl_realized ?? null,
          commissionCurrency: r?.commission_currency ?? null,
        };
      });
      return c.json(
        {
          trade: apiTradeDetailJson(found),
          executions,
          neighbours,
          journal: tradeJournalJson(journal.of(found)),
        },
        200,
      );
    })
    .get("/positions", requireUser, zv("query", accountQuery), async (c) => {
      const b = await book(c.get("userId"));
      const accountId = resolveAccount(b, c.req.valid("query").account);
      const ib = b.accounts.find((a) => a.id === accountId)?.ibAccountId;
      const openPositions = b.openPositions.filter((p) => ib === undefined || p.accountId === ib);
      return c.json({ openPositions: openPositions.map(openPositionToJson) }, 200);
    })
    .get("/unmatched", requireUser, zv("query", accountQuery), async (c) => {
      const b = await book(c.get("userId"));
      const accountId = resolveAccount(b, c.req.valid("query").account);
      const ib = b.accounts.find((a) => a.id === accountId)?.ibAccountId;
      const unmatched = b.unmatched.filter((u) => ib === undefined || u.accountId === ib);
      return c.json({ unmatched: unmatched.map(apiUnmatchedJson) }, 200);
    })
    .get("/stats", requireUser, zv("query", statsQuery), async (c) => {
      const userId = c.get("userId");
      const b = await book(userId);
      const [j, underlyingOf] = await Promise.all([journalOf(userId, b), loadUnderlyings(db, b)]);
      const { detail, ...filter } = c.req.valid("query");
      const body = responses.get(userId, j.version, statsKey(b, filter, detail), () =>
        statsAnswer(b, filter, underlyingOf, detail, j.index),
      );
      return cachedJson<StatsAnswer>(c.req, body);
    });
}
