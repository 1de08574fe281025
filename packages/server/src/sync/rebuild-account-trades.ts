// The import's rebuild step: after new rows are stored, each touched account's trades are rebuilt from all of
// its stored rows with core's buildTrades, inside the same transaction, so readers see old trades or new
// trades, never a mix.
import { buildTrades, tradeToJson } from "@closeout/core";
import type { Transaction } from "kysely";
import { loadAccountFlexData } from "../db/load-account-flex-data.ts";
import type { Schema } from "../db/schema.ts";
import { replaceAccountTrades } from "../db/trades-repository.ts";

export async function rebuildAccountTrades(
  tx: Transaction<Schema>,
  accountIds: readonly string[],
): Promise<number> {
  let count = 0;
  for (const accountId of accountIds) {
    const book = buildTrades(await loadAccountFlexData(tx, accountId));
    count += await replaceAccountTrades(
      tx,
      accountId,
      book.trades.map((t) => ({
        symbol: t.symbol,
        openedAt: t.openedAt,
        closedAt: t.closedAt,
        payload: tradeToJson(t),
      })),
    );
  }
  return count;
}
