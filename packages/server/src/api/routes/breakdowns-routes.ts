// GET /api/breakdowns/:dimension — by underlying or by contract, sorted and paged (docs/api.md), so that an
// options trader's thousands of contracts never make one answer large. Same filters as /api/stats.
import { selectBaseCurrencyTrades } from "@closeout/core";
import { Hono } from "hono";
import { z } from "zod";
import { loadJournalIndex } from "../../journal/load-journal-index.ts";
import type { AppDeps, AppEnv } from "../app-env.ts";
import {
  BREAKDOWN_DIMENSIONS,
  BREAKDOWN_SORTS,
  breakdownRows,
  breakdownRowToJson,
  sortRows,
} from "../breakdown-rows.ts";
import { requireUser } from "../security-middleware.ts";
import { filterTrades, tradeFilterSchema } from "../trade-filters.ts";
import { loadUnderlyings } from "../trade-underlyings.ts";
import { zv } from "../validate.ts";

export const BREAKDOWN_PAGE_LIMIT = 200;

const whole = (what: string) =>
  z.coerce.number<string | number>({ message: `must be a ${what}` }).int(`must be a whole ${what}`);

const breakdownQuery = tradeFilterSchema.and(
  z.object({
    sort: z
      .enum(BREAKDOWN_SORTS, { message: `must be one of ${BREAKDOWN_SORTS.join(", ")}` })
      .default("-trades"),
    page: whole("number").min(1, "must be at least 1").default(1),
    limit: whole("number")
      .min(1, "must be at least 1")
      .max(BREAKDOWN_PAGE_LIMIT, `must be at most ${BREAKDOWN_PAGE_LIMIT}`)
      .default(50),
  }),
);
const dimensionParam = z.object({
  dimension: z.enum(BREAKDOWN_DIMENSIONS, { message: 'must be "underlying" or "symbol"' }),
});

export function breakdownsRoutes(deps: AppDeps) {
  const db = deps.db.kysely;
  const books = deps.books!;
  return new Hono<AppEnv>().get(
    "/breakdowns/:dimension",
    requireUser,
    zv("param", dimensionParam),
    zv("query", breakdownQuery),
    async (c) => {
      const { dimension } = c.req.valid("param");
      const { sort, page, limit, ...filter } = c.req.valid("query");
      const userId = c.get("userId");
      const b = await books.load(db, userId);
      const underlyingOf = await loadUnderlyings(db, b);
      const { index: journal } = await loadJournalIndex(db, userId, b);
      const booked = filterTrades(b, filter, { underlyingOf, tagsOf: journal.tagsOf });
      // As /api/stats: only the trades whose amounts add up in the summary's base currency.
      const scope = new Set(
        selectBaseCurrencyTrades(
          booked.map((t) => t.trade),
          b.accountSummaries,
        ).trades,
      );
      const rows = sortRows(
        breakdownRows(
          booked.filter((t) => scope.has(t.trade)),
          dimension,
          underlyingOf,
        ),
        sort,
      );
      const start = (page - 1) * limit;
      return c.json(
        {
          dimension,
          sort,
          page,
          limit,
          total: rows.length,
          rows: rows.slice(start, start + limit).map(breakdownRowToJson),
        },
        200,
      );
    },
  );
}
