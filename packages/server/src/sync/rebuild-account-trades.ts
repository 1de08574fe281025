// The import's rebuild step: after new rows are stored, each touched account's trades are rebuilt with core's
// buildTrades, inside the same transaction, so readers see old trades or new trades, never a mix.
//
// Normally the builder reads every stored row of the account back (loadAccountFlexData), so history stitched
// from many statements is rebuilt whole. When the statement being imported is the user's first, the stored
// rows are exactly this statement's rows, so the trades are built from the parsed statement already in
// memory instead: the same trades (checked on every shared sample and a generated year by
// rebuild-account-trades.test.ts) without reading 100k rows back, which took longer than storing them.
import { buildTrades, type FlexData, type RoundTrip, tradeToJson } from "@closeout/core";
import type { Transaction } from "kysely";
import { loadAccountFlexData } from "../db/load-account-flex-data.ts";
import type { Schema } from "../db/schema.ts";
import { replaceAccountTrades } from "../db/trades-repository.ts";

/** The parsed statement of an import that is its user's first, and the IB ids of `accountIds`, in order. */
export interface FirstStatement {
  readonly data: FlexData;
  readonly ibAccountIds: readonly string[];
}

export async function rebuildAccountTrades(
  tx: Transaction<Schema>,
  accountIds: readonly string[],
  first: FirstStatement | null = null,
): Promise<number> {
  const fromMemory = first === null ? null : tradesByIbAccount(first.data);
  let count = 0;
  for (const [i, accountId] of accountIds.entries()) {
    const trades =
      fromMemory === null
        ? buildTrades(await loadAccountFlexData(tx, accountId)).trades
        : (fromMemory.get(first?.ibAccountIds[i] ?? "") ?? []);
    count += await replaceAccountTrades(
      tx,
      accountId,
      trades.map((t) => ({
        symbol: t.symbol,
        openedAt: t.openedAt,
        closedAt: t.closedAt,
        payload: tradeToJson(t),
      })),
    );
  }
  return count;
}

/** One build over the whole statement, split per account (the builder never mixes accounts). */
function tradesByIbAccount(data: FlexData): Map<string, RoundTrip[]> {
  const out = new Map<string, RoundTrip[]>();
  for (const trade of buildTrades(data).trades) {
    const list = out.get(trade.accountId);
    if (list === undefined) out.set(trade.accountId, [trade]);
    else list.push(trade);
  }
  return out;
}
