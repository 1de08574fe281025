import type { Instrument } from "./instrument-catalogue.ts";
import type { CalendarDay } from "./trading-calendar.ts";

/** One Trade row as the generator decided it; amounts are fixed units (1/10000). */
export interface ExecutionRow {
  readonly instrument: Instrument;
  readonly day: CalendarDay;
  readonly seconds: number;
  readonly fxRateToBase: string;
  readonly quantity: number;
  readonly price: number;
  readonly commission: number;
  readonly commissionCurrency: string;
  readonly transactionType: "ExchTrade" | "BookTrade" | "TradeCancel";
  readonly exchange: string;
  readonly openClose: string;
  readonly notes: string;
  readonly fifoPnlRealized: number;
  readonly tradeId: string;
  readonly transactionId: number;
  readonly ibExecId: string;
  readonly origTradeId: string;
  readonly buySell: string;
}

/** An OptionEAE row: the option leg (Expiration/Assignment/Exercise) or the delivered underlying (Buy/Sell). */
export interface OptionEaeRow {
  readonly instrument: Instrument;
  readonly day: CalendarDay;
  readonly fxRateToBase: string;
  readonly transactionType: "Expiration" | "Assignment" | "Exercise" | "Buy" | "Sell";
  readonly quantity: number;
  readonly tradePrice: number;
  readonly markPrice: number;
  readonly realizedPnl: number;
  readonly tradeId: string;
}

/** A forward split line of CorporateActions. */
export interface CorporateActionRow {
  readonly instrument: Instrument;
  readonly day: CalendarDay;
  readonly seconds: number;
  readonly reportDay: CalendarDay;
  readonly fxRateToBase: string;
  readonly quantity: number;
  readonly ratio: number;
  readonly transactionId: number;
}

/** Counters shared by every account of a statement, so ids are unique and increasing across the file. */
export interface IdCounters {
  transaction: number;
  trade: number;
}

/** Builds the row as one full literal, so every row shares one object shape (spreads were the hot spot). */
export function withTransactionId(
  row: Omit<ExecutionRow, "transactionId">,
  transactionId: number,
): ExecutionRow {
  return {
    instrument: row.instrument,
    day: row.day,
    seconds: row.seconds,
    fxRateToBase: row.fxRateToBase,
    quantity: row.quantity,
    price: row.price,
    commission: row.commission,
    commissionCurrency: row.commissionCurrency,
    transactionType: row.transactionType,
    exchange: row.exchange,
    openClose: row.openClose,
    notes: row.notes,
    fifoPnlRealized: row.fifoPnlRealized,
    tradeId: row.tradeId,
    transactionId,
    ibExecId: row.ibExecId,
    origTradeId: row.origTradeId,
    buySell: row.buySell,
  };
}
