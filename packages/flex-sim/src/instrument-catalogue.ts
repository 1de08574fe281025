import type { CalendarDay } from "./trading-calendar.ts";

export type AssetCategory = "STK" | "OPT" | "FUT" | "CASH";

/** Everything a Trade / SecurityInfo / OpenPosition row says about the contract. Prices are fixed units. */
export interface Instrument {
  readonly conid: string;
  readonly assetCategory: AssetCategory;
  readonly symbol: string;
  readonly description: string;
  readonly currency: string;
  readonly multiplier: number;
  readonly strike: number | null;
  readonly expiry: CalendarDay | null;
  readonly putCall: "C" | "P" | null;
  readonly underlyingConid: string;
  readonly underlyingSymbol: string;
  readonly listingExchange: string;
  readonly isin: string;
  /** Market key for the price path (stock symbol or future root). */
  readonly marketKey: string;
  /** Price increment, fixed units. */
  readonly tick: number;
  /** Trading session in New York time: European venues close at 11:30 ET. */
  readonly session: "us" | "eu";
}

export interface StockSpec {
  readonly symbol: string;
  readonly conid: string;
  readonly description: string;
  readonly currency: string;
  readonly exchange: string;
  readonly isin: string;
  readonly price: number;
  readonly optionable: boolean;
}

export interface FutureSpec {
  readonly root: string;
  readonly underlyingConid: string;
  readonly underlyingSymbol: string;
  readonly multiplier: number;
  readonly tick: number;
  readonly currency: string;
  readonly exchange: string;
  readonly price: number;
  readonly session: "us" | "eu";
}

// Real symbols and, where public samples show them, real conids; "&" in descriptions exercises escaping.
// symbol|conid|description|currency|listing exchange|isin|start price|optionable
const STOCK_TABLE = `
AAPL|265598|APPLE INC|USD|NASDAQ|US0378331005|190|1
MSFT|272093|MICROSOFT CORP|USD|NASDAQ|US5949181045|410|1
TSLA|76792991|TESLA INC|USD|NASDAQ|US88160R1014|240|1
AMZN|3691937|AMAZON.COM INC|USD|NASDAQ|US0231351067|180|1
NVDA|4815747|NVIDIA CORP|USD|NASDAQ|US67066G1040|120|1
META|107113386|META PLATFORMS INC-CLASS A|USD|NASDAQ|US30303M1027|500|1
AMD|4391|ADVANCED MICRO DEVICES|USD|NASDAQ|US0079031078|150|1
JPM|1520593|JPMORGAN CHASE & CO|USD|NYSE|US46625H1005|200|1
JNJ|8719|JOHNSON & JOHNSON|USD|NYSE|US4781601046|155|0
KMI|83975037|KINDER MORGAN INC|USD|NYSE|US49456B1017|22|1
XOM|13977|EXXON MOBIL CORP|USD|NYSE|US30231G1022|110|1
SPY|756733|SPDR S&P 500 ETF TRUST|USD|ARCA|US78462F1030|520|1
QQQ|320227571|INVESCO QQQ TRUST SERIES 1|USD|NASDAQ|US46090E1038|450|1
PLTR|444857009|PALANTIR TECHNOLOGIES INC-A|USD|NASDAQ|US69608A1088|25|0
AMC|140070600|AMC ENTERTAINMENT HLDS-CL A|USD|NYSE|US00165C1045|5|0
SAP|14204|SAP SE|EUR|IBIS|DE0007164600|200|0
SIE|14212|SIEMENS AG-REG|EUR|IBIS|DE0007236101|180|0
NESN|39394687|NESTLE SA-REG|CHF|EBS|CH0038863350|90|0
SMCI|129383416|SUPER MICRO COMPUTER INC|USD|NASDAQ|US86800U1043|800|0
`;

function parseStocks(table: string): StockSpec[] {
  return table
    .trim()
    .split("\n")
    .map((line) => {
      const [
        symbol = "",
        conid = "",
        description = "",
        currency = "",
        exchange = "",
        isin = "",
        price = "",
        opt = "",
      ] = line.split("|");
      return {
        symbol,
        conid,
        description,
        currency,
        exchange,
        isin,
        price: Number(price),
        optionable: opt === "1",
      };
    });
}

const ALL_STOCKS = parseStocks(STOCK_TABLE);

/** The stock that undergoes the forward split; it has no options, so no option adjustment is needed. */
export const SPLIT_STOCK: StockSpec = ALL_STOCKS[ALL_STOCKS.length - 1]!;
export const SPLIT_RATIO = 10;
export const STOCKS: readonly StockSpec[] = ALL_STOCKS.slice(0, -1);

// root|underlyingConid|underlyingSymbol|multiplier|tick (fixed units)|currency|exchange|start price|session
const FUTURE_TABLE = `
ES|11004968|ES|50|2500|USD|CME|5200|us
MES|362673777|MES|5|2500|USD|CME|5200|us
NQ|11004958|NQ|20|2500|USD|CME|18000|us
FDAX|825711|DAX|25|10000|EUR|EUREX|18000|eu
`;

export const FUTURES: readonly FutureSpec[] = FUTURE_TABLE.trim()
  .split("\n")
  .map((line) => {
    const [
      root = "",
      underlyingConid = "",
      underlyingSymbol = "",
      mult = "",
      tick = "",
      currency = "",
      exchange = "",
      price = "",
      session = "",
    ] = line.split("|");
    return {
      root,
      underlyingConid,
      underlyingSymbol,
      multiplier: Number(mult),
      tick: Number(tick),
      currency,
      exchange,
      price: Number(price),
      session: session === "eu" ? "eu" : "us",
    };
  });

export function stockInstrument(spec: StockSpec): Instrument {
  return {
    conid: spec.conid,
    assetCategory: "STK",
    symbol: spec.symbol,
    description: spec.description,
    currency: spec.currency,
    multiplier: 1,
    strike: null,
    expiry: null,
    putCall: null,
    underlyingConid: "",
    underlyingSymbol: "",
    listingExchange: spec.exchange,
    isin: spec.isin,
    marketKey: spec.symbol,
    tick: 100,
    session: spec.currency === "USD" ? "us" : "eu",
  };
}

/** IB books currency conversions as CASH "trades" on the pair. */
export const EUR_USD: Instrument = {
  conid: "12087792",
  assetCategory: "CASH",
  symbol: "EUR.USD",
  description: "EUR.USD",
  currency: "USD",
  multiplier: 1,
  strike: null,
  expiry: null,
  putCall: null,
  underlyingConid: "",
  underlyingSymbol: "",
  listingExchange: "",
  isin: "",
  marketKey: "EUR",
  tick: 1,
  session: "us",
};
