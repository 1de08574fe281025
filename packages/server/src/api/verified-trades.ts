// The part of a user's book that closeout can vouch for: closed trades built only from what the user's Flex
// links pulled from IB. An account whose stored rows all came through a link keeps its stored book; one that
// also holds uploaded rows (older history, or a statement uploaded before the link) has its verified trades
// rebuilt from the link's rows alone, so no uploaded row can add, remove or reshape a verified trade.
import { buildTrades, compareTrades, type RoundTrip } from "@closeout/core";
import { sql } from "kysely";
import type { DbExecutor } from "../db/database.ts";
import { loadAccountFlexData } from "../db/load-account-flex-data.ts";
import type { TradeBook } from "./trade-book.ts";

export interface VerifiedTrades {
  /** Closed trades built from link-pulled rows only, in output order. */
  readonly trades: readonly RoundTrip[];
  /** The first day covered by a link-pulled statement (yyyy-MM-dd), or null when there is none. */
  readonly since: string | null;
  /** True when the user also has uploaded rows, which these trades leave out. */
  readonly uploadsLeftOut: boolean;
}

/** A book is one data version of one user, so its verified trades are computed once per book. */
const computed = new WeakMap<TradeBook, Promise<VerifiedTrades>>();

export function loadVerifiedTrades(db: DbExecutor, userId: string, book: TradeBook): Promise<VerifiedTrades> {
  let verified = computed.get(book);
  if (verified === undefined) {
    verified = computeVerifiedTrades(db, userId, book);
    computed.set(book, verified);
    verified.catch(() => computed.delete(book));
  }
  return verified;
}

async function computeVerifiedTrades(
  db: DbExecutor,
  userId: string,
  book: TradeBook,
): Promise<VerifiedTrades> {
  const trades: RoundTrip[] = [];
  let uploadsLeftOut = false;
  for (const account of book.accounts) {
    const { rows } = await sql<{ link: boolean; upload: boolean }>`
      select
        exists (select 1 from statements_meta m join raw_statements s on s.id = m.raw_statement_id
                where m.account_id = ${account.id} and s.provenance = 'link') as link,
        exists (select 1 from statements_meta m join raw_statements s on s.id = m.raw_statement_id
                where m.account_id = ${account.id} and s.provenance = 'upload')
          or exists (select 1 from executions where account_id = ${account.id} and provenance = 'upload')
          as upload`.execute(db);
    const { link, upload } = rows[0] ?? { link: false, upload: false };
    if (upload) uploadsLeftOut = true;
    if (!link) continue;
    if (!upload) {
      for (const t of book.trades) if (t.accountDbId === account.id) trades.push(t.trade);
      continue;
    }
    trades.push(...buildTrades(await loadAccountFlexData(db, account.id, { provenance: "link" })).trades);
  }
  trades.sort(compareTrades);
  const first = await db
    .selectFrom("raw_statements")
    .select((eb) => eb.fn.min("from_date").as("since"))
    .where("user_id", "=", userId)
    .where("provenance", "=", "link")
    .executeTakeFirst();
  const since = first?.since ?? trades[0]?.openedAt.slice(0, 10) ?? null;
  return { trades, since, uploadsLeftOut };
}
