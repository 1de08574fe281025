// Hand-written FlexData for tests of the trade builder and statistics: every field defaulted, so a test states
// only what its scenario is about. Times are given as UTC ISO strings ("2025-01-15T14:30:15Z").
import { Decimal } from "../money.ts";
import type {
  CorporateAction,
  Execution,
  FlexData,
  InstrumentFields,
  OpenPositionRow,
  OptionEvent,
  SecurityInfo,
  StatementMeta,
} from "../types.ts";

type Num = Decimal | string | number;
const dec = (v: Num): Decimal => (v instanceof Decimal ? v : new Decimal(v));
const decOrNull = (v: Num | null | undefined): Decimal | null =>
  v === null || v === undefined ? null : dec(v);

let fileOrder = 0;
const nextFileOrder = () => fileOrder++;

export const ACCOUNT = "U1234567";

type InstrumentInput = Partial<Omit<InstrumentFields, "multiplier">> & { multiplier?: Num | null };

function instrument(o: InstrumentInput): InstrumentFields {
  return {
    conid: o.conid === undefined ? "265598" : o.conid,
    symbol: o.symbol ?? "AAPL",
    assetClass: o.assetClass ?? "STK",
    currency: o.currency ?? "USD",
    expiry: o.expiry ?? null,
    strike: o.strike ?? null,
    putCall: o.putCall ?? null,
    underlyingConid: o.underlyingConid ?? null,
    underlyingSymbol: o.underlyingSymbol ?? null,
    description: o.description ?? null,
    multiplier: decOrNull(o.multiplier),
  };
}

export type ExecutionInput = Partial<
  Omit<
    Execution,
    "quantity" | "price" | "commission" | "fxRateToBase" | "fifoPnlRealized" | "multiplier" | "timeMs"
  >
> & {
  quantity: Num;
  price: Num;
  commission?: Num;
  fxRateToBase?: Num | null;
  fifoPnlRealized?: Num | null;
  multiplier?: Num | null;
};

/** A Trade row at EXECUTION level; transactionId and time default to something unique and increasing. */
export function execution(o: ExecutionInput): Execution {
  const order = o.fileOrder ?? nextFileOrder();
  const time =
    o.time ??
    new Date(Date.UTC(2025, 0, 15, 14, 30, 0) + order * 60_000).toISOString().slice(0, 19).concat("Z");
  const base = {
    ...instrument(o),
    accountId: o.accountId ?? ACCOUNT,
    time,
    timeMs: Date.parse(time),
    tradeDate: o.tradeDate ?? time.slice(0, 10),
    quantity: dec(o.quantity),
    price: dec(o.price),
    commission: dec(o.commission ?? 0),
    commissionCurrency: o.commissionCurrency ?? null,
    fxRateToBase: decOrNull(o.fxRateToBase),
    fifoPnlRealized: decOrNull(o.fifoPnlRealized),
    transactionId: o.transactionId === undefined ? String(1000 + order) : o.transactionId,
    ibExecId: o.ibExecId ?? null,
    tradeId: o.tradeId ?? null,
    origTradeId: o.origTradeId ?? null,
    transactionType: o.transactionType ?? null,
    buySell: o.buySell ?? (dec(o.quantity).isNegative() ? "SELL" : "BUY"),
    openCloseIndicator: o.openCloseIndicator ?? null,
    notes: o.notes ?? [],
    isCancel: o.isCancel ?? false,
    isConversion: o.isConversion ?? false,
    exchange: o.exchange ?? null,
    fileOrder: order,
  };
  return { ...base, rawKey: o.rawKey ?? JSON.stringify({ ...base, fileOrder: undefined }) };
}

export function optionEvent(
  o: Partial<Omit<OptionEvent, "quantity" | "multiplier" | "proceeds" | "fxRateToBase">> & {
    quantity: Num;
    date: string;
    multiplier?: Num;
    proceeds?: Num | null;
    fxRateToBase?: Num | null;
  },
): OptionEvent {
  return {
    ...instrument({ assetClass: "OPT", multiplier: 100, ...o } as InstrumentInput),
    accountId: o.accountId ?? ACCOUNT,
    type: o.type ?? "Expiration",
    date: o.date,
    quantity: dec(o.quantity),
    proceeds: decOrNull(o.proceeds),
    fxRateToBase: decOrNull(o.fxRateToBase),
    fileOrder: o.fileOrder ?? nextFileOrder(),
  };
}

export function corporateAction(
  o: Partial<Omit<CorporateAction, "quantity" | "multiplier" | "timeMs">> & {
    quantity: Num;
    time: string;
    type: string;
    multiplier?: Num;
  },
): CorporateAction {
  return {
    ...instrument(o),
    accountId: o.accountId ?? ACCOUNT,
    type: o.type,
    time: o.time,
    timeMs: Date.parse(o.time),
    dateTimeRaw: o.dateTimeRaw ?? o.time,
    actionId: o.actionId ?? null,
    description: o.description ?? null,
    quantity: dec(o.quantity),
    fileOrder: o.fileOrder ?? nextFileOrder(),
  };
}

export function openPositionRow(
  o: Partial<Omit<OpenPositionRow, "position" | "multiplier">> & { position: Num },
): OpenPositionRow {
  return {
    ...instrument(o),
    accountId: o.accountId ?? ACCOUNT,
    statementIndex: o.statementIndex ?? 0,
    position: dec(o.position),
  };
}

export function security(o: Partial<Omit<SecurityInfo, "multiplier">> & { multiplier?: Num }): SecurityInfo {
  return instrument(o);
}

export function statement(o: Partial<StatementMeta> = {}): StatementMeta {
  return {
    index: o.index ?? 0,
    accountId: o.accountId ?? ACCOUNT,
    fromDate: o.fromDate ?? "2025-01-01",
    toDate: o.toDate ?? "2025-12-31",
    period: o.period ?? null,
    whenGenerated: o.whenGenerated ?? null,
    sections: o.sections ?? ["AccountInformation", "Trades"],
  };
}

/** FlexData with one statement (without OpenPositions unless given) and an account in USD. */
export function flexData(o: Partial<FlexData> = {}): FlexData {
  const statements = o.statements ?? [statement()];
  return {
    statements,
    accounts: o.accounts ?? [{ accountId: ACCOUNT, baseCurrency: "USD", alias: null, name: null }],
    executions: o.executions ?? [],
    optionEvents: o.optionEvents ?? [],
    corporateActions: o.corporateActions ?? [],
    openPositions: o.openPositions ?? [],
    securities: o.securities ?? [],
    conversionRates: o.conversionRates ?? [],
    transfers: o.transfers ?? [],
    shape: o.shape ?? {
      sections: statements.flatMap((s) => s.sections),
      executionsHaveTime: true,
      hasExecutions: (o.executions ?? []).length > 0,
      accountCurrencyPresent: true,
    },
    issues: o.issues ?? [],
  };
}

/** Decimal → its plain string, for readable expectations. */
export const str = (d: Decimal | null): string | null => (d === null ? null : d.toFixed());
