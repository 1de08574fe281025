// Public profiles. "percent" shows ratios, percentages, counts and durations only — never an amount, a
// quantity, a symbol's P&L or an account id — and only once the user has enough closed trades to mean
// something. "full" adds the base-currency summary. Unknown handles and profiles that are off are 404.
import { computeStats, computeSummary, selectBaseCurrencyTrades, summaryToJson } from "@closeout/core";
import { Hono } from "hono";
import { z } from "zod";
import type { AppDeps, AppEnv } from "../app-env.ts";
import { notFound } from "../http-errors.ts";
import { cachedJson } from "../response-cache.ts";
import { type GroupJson, statsToJson } from "../stats-json.ts";
import { EXCHANGE_TIME_ZONE } from "../trade-filters.ts";
import { profileFromDb } from "../users-api.ts";
import { zv } from "../validate.ts";

const handleParam = z.object({ handle: z.string().max(64) });

/** The percent-only view of one breakdown row. */
function percentGroup(g: GroupJson) {
  return {
    key: g.key,
    label: g.label,
    trades: g.trades,
    winRate: g.winRate,
    profitFactor: g.profitFactor,
    avgReturnPct: g.avgReturnPct,
    avgWinPct: g.avgWinPct,
    avgLossPct: g.avgLossPct,
  };
}

export function publicRoutes(deps: AppDeps) {
  const db = deps.db.kysely;
  const minTrades = deps.publicMinTrades ?? 20;
  return new Hono<AppEnv>().get("/:handle", zv("param", handleParam), async (c) => {
    const handle = c.req.valid("param").handle.toLowerCase();
    const user = await db
      .selectFrom("users")
      .select(["id", "handle", "public_profile"])
      .where("handle", "=", handle)
      .executeTakeFirst();
    const mode = user ? profileFromDb(user.public_profile) : "off";
    if (!user || mode === "off") throw notFound("profile");

    const book = await deps.books!.load(db, user.id);
    // Computed once per data version, profile mode and handle: the page is public and may be asked often.
    const answer = () => {
      const scope = selectBaseCurrencyTrades(
        book.trades.map((t) => t.trade),
        book.accountSummaries,
      );
      const linked = book.accounts.filter((a) => a.linkId !== null).length;
      const source =
        linked === book.accounts.length ? "ib-flex-link" : linked === 0 ? "uploaded-statements" : "mixed";
      const base = {
        handle,
        mode,
        verified: true as const,
        source,
        minTrades,
        trades: String(scope.trades.length),
      };
      if (scope.trades.length < minTrades) return { ...base, enoughTrades: false as const, profile: null };

      const stats = statsToJson(computeStats(scope.trades, { timeZone: EXCHANGE_TIME_ZONE }));
      const first = scope.trades[0]?.openedAt.slice(0, 10) ?? null;
      const profile = {
        since: first,
        winRate: stats.overall.winRate,
        profitFactor: stats.overall.profitFactor,
        avgReturnPct: stats.overall.avgReturnPct,
        avgWinPct: stats.avgWinPct,
        avgLossPct: stats.avgLossPct,
        wins: stats.overall.wins,
        losses: stats.overall.losses,
        scratches: stats.overall.scratches,
        longestWinStreak: stats.longestWinStreak,
        longestLossStreak: stats.longestLossStreak,
        avgHoldingSeconds: stats.avgHoldingSeconds,
        medianHoldingSeconds: stats.medianHoldingSeconds,
        byAssetClass: stats.byAssetClass.map(percentGroup),
        bySide: stats.bySide.map(percentGroup),
        byWeekday: stats.byWeekday.map(percentGroup),
        byHoldingTime: stats.byHoldingTime.map(percentGroup),
        monthly: stats.monthly.map((m) => ({
          month: m.date,
          trades: m.trades,
          wins: m.wins,
          losses: m.losses,
        })),
      };
      if (mode === "percent") return { ...base, enoughTrades: true as const, profile, summary: null };
      const { summary } = computeSummary(scope.trades, book.accountSummaries);
      return { ...base, enoughTrades: true as const, profile, summary: summaryToJson(summary) };
    };
    const body = deps.responses!.get(user.id, book.version, `public:${mode}:${handle}:${minTrades}`, answer);
    return cachedJson<ReturnType<typeof answer>>(c.req, body);
  });
}
