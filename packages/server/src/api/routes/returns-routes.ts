// GET /api/returns?account=&from=&to= (docs/api.md): the account-performance figures of returns-contract.md
// per account, from the stored cash, NAV and ChangeInNAV rows of the signed-in user's own accounts, with the
// trailing TWRs and what trading cost against the trades of the same period. Every figure comes from core.
import {
  accountReturnsToJson,
  computeReturns,
  type Decimal,
  decimalString,
  pctString,
  tradingCosts,
  trailingReturns,
  unrealizedAndOther,
} from "@closeout/core";
import { Hono } from "hono";
import { z } from "zod";
import { AppError } from "../../app-error.ts";
import { loadAccountReturnsData } from "../../db/load-account-returns-data.ts";
import type { AppDeps, AppEnv } from "../app-env.ts";
import { requireUser } from "../security-middleware.ts";
import { filterTrades } from "../trade-filters.ts";
import { zv } from "../validate.ts";

/** What a user whose query lacks the sections is told, in IB's own words for them. */
export const RETURNS_NOT_AVAILABLE =
  "not available: add Cash Transactions, Change in NAV, NAV in Base to your query";

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date as yyyy-MM-dd")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "is not a calendar date");

const returnsQuery = z
  .object({
    account: z.string().min(1).max(64).optional(),
    from: date.optional(),
    to: date.optional(),
  })
  .refine((f) => !(f.from && f.to && f.from > f.to), { message: "must not be after to", path: ["from"] });

const pct = (v: Decimal | null | undefined) => (v == null ? null : pctString(v));

export function returnsRoutes(deps: AppDeps) {
  const db = deps.db.kysely;
  return new Hono<AppEnv>().get("/", requireUser, zv("query", returnsQuery), async (c) => {
    const userId = c.get("userId");
    const q = c.req.valid("query");
    const { accounts, data } = await loadAccountReturnsData(db, userId, { account: q.account });
    if (q.account !== undefined && accounts.length === 0)
      throw new AppError("not-found", "account not found");
    const range = { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) };
    const report = computeReturns(data, range);
    const book = report.accounts.length === 0 ? null : await deps.books?.load(db, userId);
    const byIb = new Map(accounts.map((a) => [a.ibAccountId, a]));
    const out = report.accounts.map((r) => {
      const account = byIb.get(r.accountId);
      const trades =
        book && account && r.from !== null && r.to !== null
          ? filterTrades(book, { account: account.id, from: r.from, to: r.to }).map((t) => t.trade)
          : [];
      const costs = tradingCosts(trades, r.cash);
      const rest = unrealizedAndOther(r, costs.realizedPnl);
      const trailing = trailingReturns(data, r.accountId);
      return {
        id: account?.id ?? null,
        verified: account?.verified ?? false,
        ...accountReturnsToJson(r),
        trailing: {
          asOf: trailing?.asOf ?? null,
          mtdPct: pct(trailing?.mtdPct),
          ytdPct: pct(trailing?.ytdPct),
          oneYearPct: pct(trailing?.oneYearPct),
          allPct: pct(trailing?.allPct),
        },
        costs: {
          trades: trades.length,
          realizedPnl: decimalString(costs.realizedPnl),
          commissions: decimalString(costs.commissions),
          grossTradingPnl: decimalString(costs.grossTradingPnl),
          unrealizedAndOther: rest === null ? null : decimalString(rest),
          commissionsPct: pct(costs.commissionsPct),
          feesPct: pct(costs.feesPct),
          interestPct: pct(costs.interestPct),
        },
      };
    });
    return c.json({
      available: out.length > 0,
      message: out.length > 0 ? null : RETURNS_NOT_AVAILABLE,
      accounts: out,
      issues: [...report.issues],
    });
  });
}
