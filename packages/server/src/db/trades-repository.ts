// Derived trades, rebuilt per account from the stored rows (inside the import transaction). The payload is
// the trade as JSON with every number an exact decimal string; the columns beside it are for filtering.
import { bulkInsert } from "./bulk-insert.ts";
import type { DbExecutor } from "./database.ts";

export interface StoredTrade {
  readonly symbol: string;
  /** ISO-8601 UTC. */
  readonly openedAt: string;
  readonly closedAt: string;
  /** JSON-safe (decimals as strings). */
  readonly payload: unknown;
}

export async function replaceAccountTrades(
  db: DbExecutor,
  accountId: string,
  trades: readonly StoredTrade[],
): Promise<number> {
  await db.deleteFrom("trades").where("account_id", "=", accountId).execute();
  const rows = trades.map((t, ordinal) => ({
    account_id: accountId,
    ordinal,
    symbol: t.symbol,
    opened_at: t.openedAt,
    closed_at: t.closedAt,
    payload: JSON.stringify(t.payload),
  }));
  return bulkInsert(db, "trades", rows);
}

export async function listAccountTrades(db: DbExecutor, accountId: string): Promise<StoredTrade[]> {
  const rows = await db
    .selectFrom("trades")
    .select(["symbol", "opened_at", "closed_at", "payload"])
    .where("account_id", "=", accountId)
    .orderBy("ordinal")
    .execute();
  return rows.map((r) => ({
    symbol: r.symbol,
    openedAt: r.opened_at.toISOString().replace(/\.000Z$/, "Z"),
    closedAt: r.closed_at.toISOString().replace(/\.000Z$/, "Z"),
    payload: r.payload,
  }));
}
