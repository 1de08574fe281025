// The underlying of each trade, for grouping options, futures and the stock of one name together. IB names it in
// each instrument's underlyingSymbol (stored per account in execution_instruments); a stock is its own
// underlying. Read once per book (a few hundred instrument rows per account) and kept with it.
import type { RoundTrip } from "@closeout/core";
import type { DbExecutor } from "../db/database.ts";
import type { BookTrade, TradeBook } from "./trade-book.ts";

export type UnderlyingOf = (t: BookTrade) => string;

const loaded = new WeakMap<TradeBook, Promise<UnderlyingOf>>();

/** OCC option symbol: root padded to 6, yymmdd, C/P, strike × 1000 in 8 digits ("AAPL  261218P00190000"). */
const OCC = /^(.{1,6}?) *\d{6}[CP]\d{8}$/;

/** When IB gave no underlying: an OCC option's root, else the symbol itself. */
export function underlyingFromSymbol(t: Pick<RoundTrip, "symbol">): string {
  return OCC.exec(t.symbol)?.[1]?.trim() || t.symbol;
}

const keyOf = (accountDbId: string, conidOrSymbol: string) => `${accountDbId}\u0000${conidOrSymbol}`;

export function loadUnderlyings(db: DbExecutor, book: TradeBook): Promise<UnderlyingOf> {
  let found = loaded.get(book);
  if (found === undefined) {
    found = readUnderlyings(db, book);
    loaded.set(book, found);
    found.catch(() => loaded.delete(book));
  }
  return found;
}

async function readUnderlyings(db: DbExecutor, book: TradeBook): Promise<UnderlyingOf> {
  const named = new Map<string, string>();
  if (book.accounts.length > 0) {
    const rows = await db
      .selectFrom("execution_instruments")
      .select(["account_id", "conid", "symbol", "asset_class", "underlying_symbol"])
      .where(
        "account_id",
        "in",
        book.accounts.map((a) => a.id),
      )
      .where("underlying_symbol", "is not", null)
      .where("underlying_symbol", "<>", "")
      .where("asset_class", "<>", "STK")
      .execute();
    for (const r of rows) {
      const underlying = r.underlying_symbol!;
      if (r.conid) named.set(keyOf(r.account_id, r.conid), underlying);
      named.set(keyOf(r.account_id, r.symbol), underlying);
    }
  }
  const memo = new Map<BookTrade, string>();
  return (t) => {
    let u = memo.get(t);
    if (u === undefined) {
      u =
        (t.trade.conid === null ? undefined : named.get(keyOf(t.accountDbId, t.trade.conid))) ??
        named.get(keyOf(t.accountDbId, t.trade.symbol)) ??
        underlyingFromSymbol(t.trade);
      memo.set(t, u);
    }
    return u;
  };
}
