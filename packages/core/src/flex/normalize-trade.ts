// Trades: only EXECUTION-level (or level-less) Trade rows count; old files split tradeDate/tradeTime;
// cancels are flagged three ways; CASH rows are currency conversions.
import { ZERO } from "../money.ts";
import type { Execution } from "../types.ts";
import { newYorkToUtcMs, utcIso } from "./new-york-to-utc.ts";
import { addTimeOfDay, type WallTime } from "./parse-wall-time.ts";
import { rawRowKey } from "./raw-row-key.ts";
import { type Attrs, readAttr } from "./read-attr.ts";
import { readInstrument } from "./read-instrument.ts";
import { INVALID, type RowContext } from "./row-context.ts";

const tradeDay: WallTime = { day: 0, ms: 0, hasTime: false };

export function normalizeTrade(a: Attrs, ctx: RowContext): Execution | null {
  const level = readAttr(a, "levelOfDetail");
  if (level !== null && level !== "EXECUTION" && level.toUpperCase() !== "EXECUTION") return null;

  const wall = ctx.wall;
  const dateTime = readAttr(a, "dateTime");
  const tradeDateRaw = readAttr(a, "tradeDate");
  if (!ctx.wallTime(dateTime === null ? "tradeDate" : "dateTime", dateTime ?? tradeDateRaw)) return null;
  if (!wall.hasTime) {
    const tradeTime = readAttr(a, "tradeTime");
    if (tradeTime !== null && !addTimeOfDay(tradeTime, wall)) {
      ctx.issue("invalid-date", "tradeTime", `tradeTime "${tradeTime}" is not a readable time; row skipped`);
      return null;
    }
  }
  const hasTime = wall.hasTime;
  const timeMs = newYorkToUtcMs(wall.day, wall.ms);
  let day = wall.day;
  if (dateTime !== null && tradeDateRaw !== null) {
    if (!ctx.wallTime("tradeDate", tradeDateRaw, tradeDay)) return null;
    day = tradeDay.day;
  }

  let quantity = ctx.num(a, "quantity");
  if (quantity === null) return ctx.missing("quantity");
  const price = ctx.num(a, "tradePrice");
  if (price === null) return ctx.missing("tradePrice");
  const commission = ctx.num(a, "ibCommission");
  const fxRateToBase = ctx.num(a, "fxRateToBase");
  const fifoPnlRealized = ctx.num(a, "fifoPnlRealized", false);
  if (
    quantity === INVALID ||
    price === INVALID ||
    commission === INVALID ||
    fxRateToBase === INVALID ||
    fifoPnlRealized === INVALID
  )
    return null;
  const inst = readInstrument(a, ctx);
  if (inst === null) return null;

  const transactionType = ctx.str(a, "transactionType");
  const buySell = ctx.str(a, "buySell");
  const notes = ctx.notes(a);
  const isCancel =
    transactionType === "TradeCancel" || notes.includes("Ca") || (buySell?.endsWith("(Ca.)") ?? false);
  // IB writes sells negative, but some exports (and hand-edited files) carry an unsigned quantity with
  // buySell SELL: sign it. Cancel rows are left alone: their quantity is the reversal ("SELL (Ca.)" is +).
  if (!isCancel && buySell?.startsWith("SELL") && quantity.isPositive() && !quantity.isZero()) {
    quantity = quantity.negated();
  }
  const transactionId = ctx.text(a, "transactionID");
  const ibExecId = ctx.text(a, "ibExecID");

  ctx.hasExecutions = true;
  if (hasTime) ctx.executionsHaveTime = true;
  return {
    conid: inst.conid,
    symbol: inst.symbol,
    assetClass: inst.assetClass,
    currency: inst.currency,
    expiry: inst.expiry,
    strike: inst.strike,
    putCall: inst.putCall,
    underlyingConid: inst.underlyingConid,
    underlyingSymbol: inst.underlyingSymbol,
    description: inst.description,
    multiplier: inst.multiplier,
    accountId: ctx.account(a),
    time: utcIso(timeMs),
    timeMs,
    tradeDate: ctx.day(day),
    quantity,
    price,
    commission: commission ?? ZERO,
    commissionCurrency: ctx.str(a, "ibCommissionCurrency"),
    fxRateToBase,
    fifoPnlRealized,
    transactionId,
    ibExecId,
    tradeId: ctx.text(a, "tradeID"),
    origTradeId: ctx.text(a, "origTradeID"),
    transactionType,
    buySell,
    openCloseIndicator: ctx.str(a, "openCloseIndicator"),
    notes,
    isCancel,
    isConversion: inst.assetClass === "CASH",
    exchange: ctx.str(a, "exchange"),
    fileOrder: ctx.nextFileOrder(),
    rawKey: transactionId === null && ibExecId === null ? rawRowKey(a) : "",
  };
}
