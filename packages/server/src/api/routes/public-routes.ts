// Public profiles. "percent" shows ratios, percentages, counts and durations only — never an amount, a
// quantity, a symbol's P&L or an account id — and only once the user has enough closed trades to mean
// something. "full" adds the base-currency summary. Unknown handles and profiles that are off are 404.
// Every figure is built from verified trades only: those built from what the user's Flex links pulled from
// IB (verified-trades.ts). Uploaded statements can be edited by hand, so they are left out, and the answer
// says whether there were any (docs/metrics.md, "Public profile").
import {
  computeReturns,
  computeStats,
  computeSummary,
  pctString,
  selectBaseCurrencyTrades,
  summaryToJson,
} from "@closeout/core";
import { Hono } from "hono";
import { z } from "zod";
import { loadAccountReturnsData } from "../../db/load-account-returns-data.ts";
import { journalVersion } from "../../journal/journal-repository.ts";
import { loadPublicTagStats } from "../../journal/public-tag-stats.ts";
import type { AppDeps, AppEnv } from "../app-env.ts";
import { notFound } from "../http-errors.ts";
import { cachedJson } from "../response-cache.ts";
import { type GroupJson, statsToJson } from "../stats-json.ts";
import { EXCHANGE_TIME_ZONE } from "../trade-filters.ts";
import { profileFromDb } from "../users-api.ts";
import { zv } from "../validate.ts";
import { loadVerifiedTrades } from "../verified-trades.ts";

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
    const verified = await loadVerifiedTrades(db, user.id, book);
    // The account's time-weighted return from link-pulled NAV and cash rows only: percentages, no account id.
    const linkReturns = computeReturns(
      (await loadAccountReturnsData(db, user.id, { provenance: "link" })).data,
    );
    const timeWeightedReturns = linkReturns.accounts
      .filter((a) => a.twrPct !== null)
      .map((a) => ({
        from: a.from,
        to: a.to,
        twrPct: a.twrPct === null ? null : pctString(a.twrPct),
        brokerTwrMatches: a.reconciliation.status === "matches",
      }));
    // Only the tags the user published (journal settings); no note, no other tag's name.
    const byTag = await loadPublicTagStats(db, user.id, verified.trades);
    // Computed once per data version, profile mode and handle: the page is public and may be asked often.
    const answer = () => {
      const scope = selectBaseCurrencyTrades(verified.trades, book.accountSummaries);
      const base = {
        handle,
        mode,
        /** True when the figures are built from link-pulled statements; false when there are none. */
        verified: verified.since !== null,
        verifiedSince: verified.since,
        source: verified.since === null ? null : ("ib-flex-link" as const),
        uploadsLeftOut: verified.uploadsLeftOut,
        minTrades,
        trades: String(scope.trades.length),
      };
      if (scope.trades.length < minTrades) return { ...base, enoughTrades: false as const, profile: null };

      const stats = statsToJson(computeStats(scope.trades, { timeZone: EXCHANGE_TIME_ZONE }));
      const profile = {
        since: verified.since,
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
        /** Each linked account's time-weighted return (docs/metrics.md), link data only. */
        timeWeightedReturns,
        medianHoldingSeconds: stats.medianHoldingSeconds,
        byAssetClass: stats.byAssetClass.map(percentGroup),
        bySide: stats.bySide.map(percentGroup),
        byWeekday: stats.byWeekday.map(percentGroup),
        byHoldingTime: stats.byHoldingTime.map(percentGroup),
        // Like every breakdown here: ratios and counts only, in either mode.
        byTag: byTag.map((g) => ({ ...percentGroup(g), averageR: g.averageR, rTrades: g.rTrades })),
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
    const version = `${book.version}|j${await journalVersion(db, user.id)}`;
    const body = deps.responses!.get(user.id, version, `public:${mode}:${handle}:${minTrades}`, answer);
    return cachedJson<ReturnType<typeof answer>>(c.req, body);
  });
}
