// A lossless, compact text form of a trade book (trades, open positions, unmatched rows) so the server can
// store what the builder produced at import time and load it back instead of rebuilding from every stored
// row. Lossless means every Decimal comes back with the same value, so statistics
// computed from a decoded book are exactly those of the original (trade-book-codec.test.ts).
//
// Rows are positional arrays, not objects: a 100k-execution history is ~30k trades and ~70k legs, and field
// names would be most of the bytes. The layout is versioned; a stored book of another version is not
// decoded but rebuilt (the caller checks `TRADE_BOOK_FORMAT`).
import { Decimal } from "./money.ts";
import type {
  OpenPosition,
  Reconciliation,
  ReconciliationStatus,
  RoundTrip,
  Side,
  TradeLeg,
  UnmatchedExecution,
} from "./report-types.ts";

/** Bump when the layout below changes. */
export const TRADE_BOOK_FORMAT = 1;

/** The parts of a TradeBook the codec keeps (issues belong to the import, not to the stored book). */
export interface StoredBook {
  readonly trades: readonly RoundTrip[];
  readonly openPositions: readonly OpenPosition[];
  readonly unmatched: readonly UnmatchedExecution[];
}

const enc = (d: Decimal): string => d.toString();
const encOrNull = (d: Decimal | null): string | null => (d === null ? null : enc(d));
const dec = (s: unknown): Decimal => new Decimal(s as string);
const decOrNull = (s: unknown): Decimal | null => (s === null ? null : dec(s));

function encodeLeg(l: TradeLeg): unknown[] {
  return [
    l.executionId,
    l.time,
    enc(l.quantity),
    enc(l.price),
    enc(l.multiplier),
    enc(l.commission),
    enc(l.cashFlow),
    enc(l.fxRateToBase),
    l.opening,
    l.synthetic,
  ];
}

function decodeLeg(a: unknown[]): TradeLeg {
  return {
    executionId: a[0] as string | null,
    time: a[1] as string,
    quantity: dec(a[2]),
    price: dec(a[3]),
    multiplier: dec(a[4]),
    commission: dec(a[5]),
    cashFlow: dec(a[6]),
    fxRateToBase: dec(a[7]),
    opening: a[8] as boolean,
    synthetic: a[9] as string | null,
  };
}

function encodeTrade(t: RoundTrip): unknown[] {
  const r = t.reconciliation;
  return [
    t.accountId,
    t.symbol,
    t.conid,
    t.assetClass,
    t.side,
    t.openedAt,
    t.closedAt,
    enc(t.quantity),
    t.currency,
    enc(t.realizedPnl),
    enc(t.fees),
    enc(t.realizedPnlBase),
    encOrNull(t.returnPct),
    t.executionIds,
    [encOrNull(r.brokerPnl), r.status, r.reason],
    t.legs.map(encodeLeg),
    t.holdingSeconds,
  ];
}

function decodeTrade(a: unknown[]): RoundTrip {
  const r = a[14] as unknown[];
  const reconciliation: Reconciliation = {
    brokerPnl: decOrNull(r[0]),
    status: r[1] as ReconciliationStatus,
    reason: r[2] as string | null,
  };
  return {
    accountId: a[0] as string,
    symbol: a[1] as string,
    conid: a[2] as string | null,
    assetClass: a[3] as string,
    side: a[4] as Side,
    openedAt: a[5] as string,
    closedAt: a[6] as string,
    quantity: dec(a[7]),
    currency: a[8] as string,
    realizedPnl: dec(a[9]),
    fees: dec(a[10]),
    realizedPnlBase: dec(a[11]),
    returnPct: decOrNull(a[12]),
    executionIds: a[13] as string[],
    reconciliation,
    legs: (a[15] as unknown[][]).map(decodeLeg),
    holdingSeconds: a[16] as number,
  };
}

function encodePosition(p: OpenPosition): unknown[] {
  return [p.accountId, p.symbol, p.conid, p.assetClass, p.currency, enc(p.quantity), p.openedAt];
}

function decodePosition(a: unknown[]): OpenPosition {
  return {
    accountId: a[0] as string,
    symbol: a[1] as string,
    conid: a[2] as string | null,
    assetClass: a[3] as string,
    currency: a[4] as string,
    quantity: dec(a[5]),
    openedAt: a[6] as string | null,
  };
}

function encodeUnmatched(u: UnmatchedExecution): unknown[] {
  return [u.accountId, u.symbol, u.conid, enc(u.quantity), u.executionId, u.time, u.reason];
}

function decodeUnmatched(a: unknown[]): UnmatchedExecution {
  return {
    accountId: a[0] as string,
    symbol: a[1] as string,
    conid: a[2] as string | null,
    quantity: dec(a[3]),
    executionId: a[4] as string | null,
    time: a[5] as string,
    reason: a[6] as string,
  };
}

export function encodeTradeBook(book: StoredBook): string {
  return JSON.stringify({
    format: TRADE_BOOK_FORMAT,
    trades: book.trades.map(encodeTrade),
    openPositions: book.openPositions.map(encodePosition),
    unmatched: book.unmatched.map(encodeUnmatched),
  });
}

/** Decodes what encodeTradeBook wrote; throws on another format version (the caller rebuilds instead). */
export function decodeTradeBook(text: string): StoredBook {
  const raw = JSON.parse(text) as {
    format: number;
    trades: unknown[][];
    openPositions: unknown[][];
    unmatched: unknown[][];
  };
  if (raw.format !== TRADE_BOOK_FORMAT)
    throw new Error(`stored trade book has format ${raw.format}, this build reads ${TRADE_BOOK_FORMAT}`);
  return {
    trades: raw.trades.map(decodeTrade),
    openPositions: raw.openPositions.map(decodePosition),
    unmatched: raw.unmatched.map(decodeUnmatched),
  };
}
