// TradeTransfers / Transfers: positions moved between brokers or accounts; cash transfers have no instrument.
import type { TransferRow } from "../types.ts";
import { type Attrs, readAttr } from "./read-attr.ts";
import { readInstrument } from "./read-instrument.ts";
import { INVALID, type RowContext } from "./row-context.ts";

export function normalizeTransfer(a: Attrs, ctx: RowContext, kind: TransferRow["kind"]): TransferRow | null {
  const rawDate =
    readAttr(a, "date") ?? readAttr(a, "tradeDate") ?? readAttr(a, "dateTime") ?? readAttr(a, "reportDate");
  let date: string | null = null;
  if (rawDate !== null) {
    if (!ctx.wallTime("date", rawDate)) return null;
    date = ctx.day(ctx.wall.day);
  }
  const quantity = ctx.num(a, "quantity");
  if (quantity === INVALID) return null;
  const isCash = readAttr(a, "assetCategory") === "CASH";
  const inst = readInstrument(a, ctx, isCash);
  if (inst === null) return null;
  return { ...inst, accountId: ctx.account(a), date, quantity, direction: ctx.str(a, "direction"), kind };
}
