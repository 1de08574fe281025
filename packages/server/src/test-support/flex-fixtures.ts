// Hand-built FlexData for storage tests: realistic rows with every field set, so a round trip through the
// database checks every column. Times are UTC ISO strings with seconds, as the parser writes them.
import {
  type CorporateAction,
  Decimal,
  type Execution,
  type FlexData,
  type OpenPositionRow,
  type OptionEvent,
  type SecurityInfo,
  type StatementMeta,
} from "@closeout/core";

export interface FixtureExecution {
  readonly n: number;
  readonly accountId?: string;
  readonly quantity?: string;
  readonly price?: string;
  readonly ids?: "tx" | "exec" | "none";
}

/** Execution number `n`: transactionID 10000+n, one minute apart from 2025-01-15 14:30 UTC. */
export function fixtureExecution({
  n,
  accountId = "U1111111",
  quantity,
  price,
  ids = "tx",
}: FixtureExecution): Execution {
  const time = new Date(Date.UTC(2025, 0, 15, 14, 30, 0) + n * 60_000).toISOString().replace(".000Z", "Z");
  const qty = quantity ?? (n % 2 === 0 ? "100" : "-100");
  const px = price ?? `150.${String(n).padStart(4, "0")}`;
  const execution: Omit<Execution, "rawKey"> = {
    conid: "265598",
    symbol: "AAPL",
    assetClass: "STK",
    currency: "USD",
    expiry: null,
    strike: null,
    putCall: null,
    underlyingConid: null,
    underlyingSymbol: null,
    description: "APPLE INC",
    multiplier: new Decimal("1"),
    accountId,
    time,
    timeMs: Date.parse(time),
    tradeDate: time.slice(0, 10),
    quantity: new Decimal(qty),
    price: new Decimal(px),
    commission: new Decimal("-1.0025"),
    commissionCurrency: "USD",
    fxRateToBase: new Decimal("0.91234567"),
    fifoPnlRealized: n % 2 === 0 ? null : new Decimal("12.345678901234567890123"),
    transactionId: ids === "tx" ? String(10_000 + n) : null,
    ibExecId: ids === "none" ? null : `0000e0d5.6789abcd.01.01.${n}`,
    tradeId: String(5_000 + n),
    origTradeId: null,
    transactionType: "ExchTrade",
    buySell: qty.startsWith("-") ? "SELL" : "BUY",
    openCloseIndicator: qty.startsWith("-") ? "C" : "O",
    notes: n % 3 === 0 ? ["P", "O"] : [],
    isCancel: false,
    isConversion: false,
    exchange: "NASDAQ",
    fileOrder: n,
  };
  return { ...execution, rawKey: JSON.stringify({ ...execution, fileOrder: undefined }) };
}

export interface FixtureOptions {
  readonly accountId?: string;
  /** Execution numbers in the statement. */
  readonly executions: readonly number[];
  readonly fromDate?: string;
  readonly toDate?: string;
  readonly withOpenPositions?: boolean;
}

export function fixtureFlexData({
  accountId = "U1111111",
  executions,
  fromDate = "2025-01-01",
  toDate = "2025-12-31",
  withOpenPositions = true,
}: FixtureOptions): FlexData {
  const sections = ["AccountInformation", "Trades", "OptionEAE", "CorporateActions", "SecuritiesInfo"];
  if (withOpenPositions) sections.push("OpenPositions");
  const statement: StatementMeta = {
    index: 0,
    accountId,
    fromDate,
    toDate,
    period: "Last365CalendarDays",
    whenGenerated: `${toDate}T22:15:01Z`,
    sections,
  };
  const base = 1_000;
  const optionEvent: OptionEvent = {
    conid: "712345678",
    symbol: "AAPL  250117C00200000",
    assetClass: "OPT",
    currency: "USD",
    expiry: "2025-01-17",
    strike: "200",
    putCall: "C",
    underlyingConid: "265598",
    underlyingSymbol: "AAPL",
    description: "AAPL 17JAN25 200 C",
    multiplier: new Decimal("100"),
    accountId,
    type: "Expiration",
    date: "2025-01-17",
    quantity: new Decimal("2"),
    proceeds: null,
    fxRateToBase: null,
    fileOrder: base,
  };
  const split: CorporateAction = {
    conid: "265598",
    symbol: "AAPL",
    assetClass: "STK",
    currency: "USD",
    expiry: null,
    strike: null,
    putCall: null,
    underlyingConid: null,
    underlyingSymbol: null,
    description: "AAPL(US0378331005) SPLIT 4 FOR 1 (AAPL, APPLE INC, US0378331005)",
    multiplier: null,
    accountId,
    type: "FS",
    time: "2025-02-03T00:20:00Z",
    timeMs: Date.parse("2025-02-03T00:20:00Z"),
    dateTimeRaw: "20250202;192000",
    actionId: null,
    quantity: new Decimal("300"),
    fileOrder: base + 1,
  };
  const positions: OpenPositionRow[] = withOpenPositions
    ? [
        {
          ...security(),
          accountId,
          statementIndex: 0,
          position: new Decimal("400.5"),
        },
      ]
    : [];
  return {
    statements: [statement],
    accounts: [{ accountId, baseCurrency: "EUR", alias: "main", name: "Test Trader" }],
    executions: executions.map((n) => fixtureExecution({ n, accountId })),
    optionEvents: [optionEvent],
    corporateActions: [split],
    openPositions: positions,
    securities: [security()],
    conversionRates: [
      { reportDate: "2025-01-15", fromCurrency: "USD", toCurrency: "EUR", rate: new Decimal("0.96123") },
    ],
    transfers: [],
    shape: {
      sections,
      executionsHaveTime: true,
      hasExecutions: executions.length > 0,
      accountCurrencyPresent: true,
    },
    issues: [],
  };
}

function security(): SecurityInfo {
  return {
    conid: "265598",
    symbol: "AAPL",
    assetClass: "STK",
    currency: "USD",
    expiry: null,
    strike: null,
    putCall: null,
    underlyingConid: null,
    underlyingSymbol: null,
    description: "APPLE INC",
    multiplier: new Decimal("1"),
  };
}

/** Stand-in for the XML a statement came from: distinct per content, as a real file would be. */
export function fixtureXml(data: FlexData): string {
  const ids = data.executions.map((e) => e.transactionId ?? e.ibExecId ?? "-").join(",");
  return `<FlexQueryResponse><!-- ${data.statements.map((s) => `${s.accountId} ${s.fromDate} ${s.toDate}`).join(";")} ${ids} --></FlexQueryResponse>`;
}
