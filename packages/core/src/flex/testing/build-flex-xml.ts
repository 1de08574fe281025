// Test helper: small, valid Flex documents built from a few attributes (tests only).

export type AttrMap = Readonly<Record<string, string>>;

function attrs(map: AttrMap): string {
  return Object.entries(map)
    .map(([k, v]) => `${k}="${v.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;")}"`)
    .join(" ");
}

export function element(name: string, map: AttrMap, body?: string): string {
  return body === undefined ? `<${name} ${attrs(map)} />` : `<${name} ${attrs(map)}>${body}</${name}>`;
}

export const STATEMENT_DEFAULTS: AttrMap = {
  accountId: "U1234567",
  fromDate: "20250101",
  toDate: "20251231",
  period: "Last365CalendarDays",
  whenGenerated: "20260102;083000",
};

export function statementXml(body: string, overrides: AttrMap = {}): string {
  return element("FlexStatement", { ...STATEMENT_DEFAULTS, ...overrides }, `\n${body}\n`);
}

export function flexXml(...statements: string[]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<FlexQueryResponse queryName="test" type="AF">\n<FlexStatements count="${statements.length}">\n` +
    `${statements.join("\n")}\n</FlexStatements>\n</FlexQueryResponse>\n`
  );
}

export const TRADE_DEFAULTS: AttrMap = {
  accountId: "U1234567",
  currency: "USD",
  fxRateToBase: "1",
  assetCategory: "STK",
  symbol: "AAPL",
  description: "APPLE INC",
  conid: "265598",
  multiplier: "1",
  dateTime: "20250115;093015",
  tradeDate: "20250115",
  transactionType: "ExchTrade",
  exchange: "NASDAQ",
  quantity: "100",
  tradePrice: "150.00",
  ibCommission: "-1",
  ibCommissionCurrency: "USD",
  openCloseIndicator: "O",
  notes: "",
  fifoPnlRealized: "0",
  buySell: "BUY",
  tradeID: "9001",
  transactionID: "1001",
  ibExecID: "0000e1.01.01",
  levelOfDetail: "EXECUTION",
};

/** A Trade row; pass `undefined`-free overrides, and `omit` to drop default attributes. */
export function tradeXml(overrides: AttrMap = {}, omit: readonly string[] = []): string {
  const map: Record<string, string> = { ...TRADE_DEFAULTS, ...overrides };
  for (const k of omit) delete map[k];
  return element("Trade", map);
}

/** One statement whose Trades section holds the given rows. */
export function tradesXml(...rows: string[]): string {
  return flexXml(statementXml(`<Trades>\n${rows.join("\n")}\n</Trades>`));
}
