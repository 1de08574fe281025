// The one place where parsed Flex rows (camelCase, Decimal) become table rows (snake_case, numeric strings)
// and back. Decimals are written with toFixed() (never an exponent) and read with new Decimal(text).
import { createHash } from "node:crypto";
import {
  type ConversionRate,
  type CorporateAction,
  Decimal,
  type Execution,
  type InstrumentFields,
  type OpenPositionRow,
  type OptionEvent,
  type OptionEventType,
  type SecurityInfo,
  type TransferRow,
} from "@closeout/core";
import type { Selectable } from "kysely";
import type {
  ConversionRatesTable,
  CorporateActionsTable,
  ExecutionsTable,
  InstrumentColumns,
  OptionEventsTable,
  PositionSnapshotsTable,
  SecuritiesTable,
  TransfersTable,
} from "./schema.ts";

export function sha256Hex(text: string | Uint8Array): string {
  return createHash("sha256").update(text).digest("hex");
}

export function toNumeric(value: Decimal): string {
  return value.toFixed();
}

export function toNumericOrNull(value: Decimal | null): string | null {
  return value === null ? null : value.toFixed();
}

export function fromNumeric(value: string): Decimal {
  return new Decimal(value);
}

export function fromNumericOrNull(value: string | null): Decimal | null {
  return value === null ? null : new Decimal(value);
}

/** ISO-8601 UTC with seconds precision, as the parser writes times. */
export function isoSeconds(value: Date): string {
  return value.toISOString().replace(/\.000Z$/, "Z");
}

/** Rule 2: one execution per transactionID, else per ibExecID, else per identical set of attributes. */
export function executionKey(e: Pick<Execution, "transactionId" | "ibExecId" | "rawKey">): string {
  if (e.transactionId !== null) return `tx:${e.transactionId}`;
  if (e.ibExecId !== null) return `ex:${e.ibExecId}`;
  return `raw:${sha256Hex(e.rawKey)}`;
}

/** Rule 4: an instrument is its conid, else asset class + symbol + expiry + strike + right. */
export function instrumentKey(f: InstrumentFields): string {
  if (f.conid !== null) return `conid:${f.conid}`;
  return `sym:${[f.assetClass, f.symbol, f.expiry ?? "", f.strike ?? "", f.putCall ?? ""].join("|")}`;
}

export function instrumentColumns(f: InstrumentFields): InstrumentColumns {
  return {
    conid: f.conid,
    symbol: f.symbol,
    asset_class: f.assetClass,
    currency: f.currency,
    expiry: f.expiry,
    strike: f.strike,
    put_call: f.putCall,
    underlying_conid: f.underlyingConid,
    underlying_symbol: f.underlyingSymbol,
    description: f.description,
    multiplier: toNumericOrNull(f.multiplier),
  };
}

export function instrumentFields(row: InstrumentColumns): InstrumentFields {
  return {
    conid: row.conid,
    symbol: row.symbol,
    assetClass: row.asset_class,
    currency: row.currency,
    expiry: row.expiry,
    strike: row.strike,
    putCall: row.put_call,
    underlyingConid: row.underlying_conid,
    underlyingSymbol: row.underlying_symbol,
    description: row.description,
    multiplier: fromNumericOrNull(row.multiplier),
  };
}

type RowIds = { account_id: string; first_statement_id: string };

// Written out field by field: object spreads here sent V8 down a slow path (~8 µs a row, 100k rows an import).
/** `instrumentRef` is the row's instrument (instrument-refs.ts), whose columns are stored beside it once. */
export function executionToRow(e: Execution, ids: RowIds, instrumentRef: string) {
  return {
    account_id: ids.account_id,
    first_statement_id: ids.first_statement_id,
    instrument_ref: instrumentRef,
    ib_key: executionKey(e),
    time: e.time,
    trade_date: e.tradeDate,
    quantity: toNumeric(e.quantity),
    price: toNumeric(e.price),
    commission: toNumeric(e.commission),
    commission_currency: e.commissionCurrency,
    fx_rate_to_base: toNumericOrNull(e.fxRateToBase),
    fifo_pnl_realized: toNumericOrNull(e.fifoPnlRealized),
    transaction_id: e.transactionId,
    ib_exec_id: e.ibExecId,
    trade_id: e.tradeId,
    orig_trade_id: e.origTradeId,
    transaction_type: e.transactionType,
    buy_sell: e.buySell,
    open_close_indicator: e.openCloseIndicator,
    notes: [...e.notes],
    is_cancel: e.isCancel,
    is_conversion: e.isConversion,
    exchange: e.exchange,
    file_order: e.fileOrder,
    raw_key: e.rawKey,
  };
}

/** `instrument` is the execution_instruments row of `row.instrument_ref`. */
export function executionFromRow(
  row: Selectable<ExecutionsTable>,
  instrument: InstrumentColumns,
  ibAccountId: string,
  fileOrderOffset: number,
): Execution {
  return {
    ...instrumentFields(instrument),
    accountId: ibAccountId,
    time: isoSeconds(row.time),
    timeMs: row.time.getTime(),
    tradeDate: row.trade_date,
    quantity: fromNumeric(row.quantity),
    price: fromNumeric(row.price),
    commission: fromNumeric(row.commission),
    commissionCurrency: row.commission_currency,
    fxRateToBase: fromNumericOrNull(row.fx_rate_to_base),
    fifoPnlRealized: fromNumericOrNull(row.fifo_pnl_realized),
    transactionId: row.transaction_id,
    ibExecId: row.ib_exec_id,
    tradeId: row.trade_id,
    origTradeId: row.orig_trade_id,
    transactionType: row.transaction_type,
    buySell: row.buy_sell,
    openCloseIndicator: row.open_close_indicator,
    notes: row.notes,
    isCancel: row.is_cancel,
    isConversion: row.is_conversion,
    exchange: row.exchange,
    fileOrder: fileOrderOffset + row.file_order,
    rawKey: row.raw_key,
  };
}

export function optionEventToRow(e: OptionEvent, ids: RowIds) {
  return {
    ...ids,
    ...instrumentColumns(e),
    instrument_key: instrumentKey(e),
    type: e.type,
    date: e.date,
    quantity: toNumeric(e.quantity),
    proceeds: toNumericOrNull(e.proceeds),
    fx_rate_to_base: toNumericOrNull(e.fxRateToBase),
    file_order: e.fileOrder,
  };
}

export function optionEventFromRow(
  row: Selectable<OptionEventsTable>,
  ibAccountId: string,
  fileOrderOffset: number,
): OptionEvent {
  return {
    ...instrumentFields(row),
    accountId: ibAccountId,
    type: row.type as OptionEventType,
    date: row.date,
    quantity: fromNumeric(row.quantity),
    proceeds: fromNumericOrNull(row.proceeds),
    fxRateToBase: fromNumericOrNull(row.fx_rate_to_base),
    fileOrder: fileOrderOffset + row.file_order,
  };
}

export function corporateActionToRow(a: CorporateAction, ids: RowIds) {
  return {
    ...ids,
    ...instrumentColumns(a),
    instrument_key: instrumentKey(a),
    type: a.type,
    time: a.time,
    date_time_raw: a.dateTimeRaw,
    action_id: a.actionId,
    quantity: toNumeric(a.quantity),
    file_order: a.fileOrder,
  };
}

export function corporateActionFromRow(
  row: Selectable<CorporateActionsTable>,
  ibAccountId: string,
  fileOrderOffset: number,
): CorporateAction {
  return {
    ...instrumentFields(row),
    accountId: ibAccountId,
    type: row.type,
    time: isoSeconds(row.time),
    timeMs: row.time.getTime(),
    dateTimeRaw: row.date_time_raw,
    actionId: row.action_id,
    description: row.description,
    quantity: fromNumeric(row.quantity),
    fileOrder: fileOrderOffset + row.file_order,
  };
}

export function positionToRow(
  p: OpenPositionRow,
  ids: { account_id: string; statement_meta_id: string; to_date: string | null },
  ordinal: number,
) {
  return {
    ...ids,
    ...instrumentColumns(p),
    instrument_key: instrumentKey(p),
    position: toNumeric(p.position),
    ordinal,
  };
}

export function positionFromRow(
  row: Selectable<PositionSnapshotsTable>,
  ibAccountId: string,
  statementIndex: number,
): OpenPositionRow {
  return {
    ...instrumentFields(row),
    accountId: ibAccountId,
    statementIndex,
    position: fromNumeric(row.position),
  };
}

export function transferToRow(t: TransferRow, ids: RowIds, ordinal: number) {
  const columns = {
    ...instrumentColumns(t),
    kind: t.kind,
    date: t.date,
    quantity: toNumericOrNull(t.quantity),
    direction: t.direction,
  };
  return { ...ids, ...columns, row_key: sha256Hex(JSON.stringify(columns)), ordinal };
}

export function transferFromRow(row: Selectable<TransfersTable>, ibAccountId: string): TransferRow {
  return {
    ...instrumentFields(row),
    accountId: ibAccountId,
    date: row.date,
    quantity: fromNumericOrNull(row.quantity),
    direction: row.direction,
    kind: row.kind as TransferRow["kind"],
  };
}

export function securityToRow(s: SecurityInfo, userId: string) {
  return { user_id: userId, instrument_key: instrumentKey(s), ...instrumentColumns(s) };
}

export function securityFromRow(row: Selectable<SecuritiesTable>): SecurityInfo {
  return instrumentFields(row);
}

export function conversionRateToRow(r: ConversionRate, userId: string) {
  return {
    user_id: userId,
    report_date: r.reportDate,
    from_currency: r.fromCurrency,
    to_currency: r.toCurrency,
    rate: toNumeric(r.rate),
  };
}

export function conversionRateFromRow(row: Selectable<ConversionRatesTable>): ConversionRate {
  return {
    reportDate: row.report_date,
    fromCurrency: row.from_currency,
    toCurrency: row.to_currency,
    rate: fromNumeric(row.rate),
  };
}
