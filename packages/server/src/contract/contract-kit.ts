// Contract-test kit: hand-authored Flex XML, the CLI run in-process, and tolerant decimal assertions
// (report-contract.md rule 14: money within 0.005, percents/ratios within 0.01, compared as decimals).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Decimal } from "@closeout/core";
import { afterAll, expect } from "vitest";
import { captureIo } from "../cli/cli-io.ts";
import { runCli } from "../cli/run-cli.ts";

export type Attrs = Record<string, string | undefined>;

function esc(v: string): string {
  return v.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");
}

/** One element; attributes whose value is `undefined` are left out entirely. */
export function el(name: string, attrs: Attrs, body?: string): string {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}="${esc(v as string)}"`)
    .join(" ");
  return body === undefined ? `<${name} ${a} />` : `<${name} ${a}>${body}</${name}>`;
}

export const ACCT = "U1234567";

/** An IB execution row with realistic attributes; override any, `undefined` drops one. */
export function trade(o: Attrs): string {
  const qty = o.quantity ?? "100";
  const defaults: Attrs = {
    accountId: ACCT,
    acctAlias: "",
    currency: "USD",
    fxRateToBase: "1",
    assetCategory: "STK",
    symbol: "AAPL",
    description: "APPLE INC",
    conid: "265598",
    securityID: "",
    listingExchange: "NASDAQ",
    underlyingConid: "",
    underlyingSymbol: "",
    multiplier: "1",
    strike: "",
    expiry: "",
    putCall: "",
    tradeID: undefined,
    reportDate: undefined,
    dateTime: "20250115;093015",
    tradeDate: undefined,
    transactionType: "ExchTrade",
    exchange: "NASDAQ",
    quantity: qty,
    tradePrice: "100",
    ibCommission: "-1",
    ibCommissionCurrency: "USD",
    openCloseIndicator: "",
    notes: "",
    fifoPnlRealized: "0",
    origTradeID: "",
    transactionID: undefined,
    buySell: qty.trim().startsWith("-") ? "SELL" : "BUY",
    ibExecID: "",
    levelOfDetail: "EXECUTION",
  };
  const merged = { ...defaults, ...o };
  if (merged.tradeID === undefined && merged.transactionID !== undefined && !("tradeID" in o)) {
    merged.tradeID = `9${merged.transactionID}`;
  }
  if (merged.tradeDate === undefined && !("tradeDate" in o) && merged.dateTime) {
    merged.tradeDate = merged.dateTime.replace(/[^0-9]/g, "").slice(0, 8);
  }
  return el("Trade", merged);
}

export interface StatementOpts {
  accountId?: string;
  fromDate?: string;
  toDate?: string;
  period?: string;
  baseCurrency?: string | null;
  trades?: string[];
  /** `undefined` → no OpenPositions section at all; [] → present but empty. */
  openPositions?: string[];
  optionEAE?: string[];
  corporateActions?: string[];
  securitiesInfo?: string[];
  conversionRates?: string[];
}

export function statement(s: StatementOpts): string {
  const accountId = s.accountId ?? ACCT;
  const parts: string[] = [];
  const base = s.baseCurrency === undefined ? "USD" : s.baseCurrency;
  parts.push(
    el("AccountInformation", {
      accountId,
      acctAlias: "",
      currency: base ?? undefined,
      name: "Test Trader",
      accountType: "Individual",
    }),
  );
  const section = (name: string, rows: string[] | undefined) =>
    rows === undefined ? "" : rows.length === 0 ? `<${name} />` : `<${name}>\n${rows.join("\n")}\n</${name}>`;
  parts.push(section("Trades", s.trades ?? []));
  parts.push(section("CorporateActions", s.corporateActions ?? []));
  parts.push(section("SecuritiesInfo", s.securitiesInfo ?? []));
  parts.push(section("TradeTransfers", []));
  parts.push(section("OpenPositions", s.openPositions));
  parts.push(section("OptionEAE", s.optionEAE ?? []));
  parts.push(section("ConversionRates", s.conversionRates ?? []));
  return el(
    "FlexStatement",
    {
      accountId,
      fromDate: s.fromDate ?? "20250101",
      toDate: s.toDate ?? "20251231",
      period: s.period ?? "Last365CalendarDays",
      whenGenerated: "20260102;083000",
    },
    `\n${parts.filter((p) => p !== "").join("\n")}\n`,
  );
}

export function flex(...statements: string[]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<FlexQueryResponse queryName="contract" type="AF">\n<FlexStatements count="${statements.length}">\n` +
    `${statements.join("\n")}\n</FlexStatements>\n</FlexQueryResponse>\n`
  );
}

/** Shorthand: one statement of one account holding these Trade rows. */
export function tradesFile(rows: string[], extra: Omit<StatementOpts, "trades"> = {}): string {
  return flex(statement({ ...extra, trades: rows }));
}

export function openPosition(o: Attrs): string {
  return el("OpenPosition", {
    accountId: ACCT,
    currency: "USD",
    fxRateToBase: "1",
    assetCategory: "STK",
    symbol: "AAPL",
    conid: "265598",
    multiplier: "1",
    reportDate: "20251231",
    position: "0",
    markPrice: "100",
    side: "Long",
    levelOfDetail: "SUMMARY",
    ...o,
  });
}

export function corporateAction(o: Attrs): string {
  return el("CorporateAction", {
    accountId: ACCT,
    currency: "USD",
    assetCategory: "STK",
    fxRateToBase: "1",
    symbol: "AAPL",
    description: "AAPL(US0378331005) SPLIT 2 FOR 1 (AAPL, APPLE INC, US0378331005)",
    conid: "265598",
    multiplier: "1",
    reportDate: "20250301",
    dateTime: "20250228;202500",
    amount: "0",
    proceeds: "0",
    value: "0",
    quantity: "100",
    fifoPnlRealized: "0",
    type: "FS",
    levelOfDetail: "DETAIL",
    actionID: "1",
    ...o,
  });
}

export function optionEae(o: Attrs): string {
  return el("OptionEAE", {
    accountId: ACCT,
    currency: "USD",
    fxRateToBase: "1",
    assetCategory: "OPT",
    symbol: "AAPL  250221C00200000",
    description: "AAPL 21FEB25 200 C",
    conid: "700000001",
    underlyingConid: "265598",
    underlyingSymbol: "AAPL",
    multiplier: "100",
    strike: "200",
    expiry: "20250221",
    putCall: "C",
    date: "20250221",
    transactionType: "Expiration",
    quantity: "1",
    tradePrice: "0",
    markPrice: "0",
    proceeds: "0",
    commisionsAndTax: "0",
    realizedPnl: "0",
    ...o,
  });
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  // biome-ignore lint/suspicious/noExplicitAny: the contract's JSON is checked field by field
  json: any;
}

let dir: string | null = null;
let n = 0;
// Each test file imports the kit afresh, so its temp dir goes when that file's tests are done.
afterAll(() => {
  if (dir !== null) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

/** This test file's temp dir, removed after its tests. */
export function tempDir(): string {
  dir ??= mkdtempSync(join(tmpdir(), "closeout-contract-"));
  return dir;
}

export function writeTemp(content: string, name?: string): string {
  const path = join(tempDir(), name ?? `f${n++}.xml`);
  writeFileSync(path, content);
  return path;
}

export async function cli(args: string[]): Promise<CliResult> {
  const io = captureIo();
  const code = await runCli(args, io);
  let json: unknown = null;
  try {
    json = JSON.parse(io.stdout);
  } catch {
    json = null;
  }
  return { code, stdout: io.stdout, stderr: io.stderr, json };
}

/** `closeout report <files> --json` on these XML documents; asserts exit 0. */
// biome-ignore lint/suspicious/noExplicitAny: see CliResult
export async function report(...xmls: string[]): Promise<any> {
  const r = await cli(["report", ...xmls.map((x) => writeTemp(x)), "--json"]);
  if (r.code !== 0) throw new Error(`report exited ${r.code}: ${r.stderr}`);
  return r.json;
}

// biome-ignore lint/suspicious/noExplicitAny: see CliResult
export async function checkQuery(xml: string): Promise<any> {
  const r = await cli(["check-query", writeTemp(xml), "--json"]);
  expect(r.code).toBe(0);
  return r.json;
}

function near(actual: unknown, expected: string | null, tol: string, label: string): void {
  if (expected === null) {
    expect(actual, label).toBeNull();
    return;
  }
  expect(typeof actual, `${label} must be a JSON string, got ${JSON.stringify(actual)}`).toBe("string");
  const diff = new Decimal(actual as string).minus(expected).abs();
  expect(diff.lte(tol), `${label}: expected ${expected}, got ${actual}`).toBe(true);
}

export const money = (actual: unknown, expected: string | null, label = "money") =>
  near(actual, expected, "0.005", label);
export const pct = (actual: unknown, expected: string | null, label = "pct") =>
  near(actual, expected, "0.01", label);
/** Counts and quantities: exact decimal equality. */
export const exact = (actual: unknown, expected: string | null, label = "number") =>
  near(actual, expected, "0", label);

export interface TradeExpect {
  accountId?: string;
  symbol?: string;
  conid?: string | null;
  assetClass?: string;
  side?: "long" | "short";
  openedAt?: string;
  closedAt?: string;
  quantity?: string;
  currency?: string;
  realizedPnl?: string;
  fees?: string;
  realizedPnlBase?: string;
  returnPct?: string | null;
  executionIds?: string[];
  brokerPnl?: string | null;
  status?: string;
}

// biome-ignore lint/suspicious/noExplicitAny: JSON from the CLI
export function expectTrade(t: any, e: TradeExpect, label = "trade"): void {
  expect(t, `${label} missing`).toBeDefined();
  for (const k of [
    "accountId",
    "symbol",
    "conid",
    "assetClass",
    "side",
    "openedAt",
    "closedAt",
    "currency",
  ] as const) {
    if (e[k] !== undefined) expect(t[k], `${label}.${k}`).toBe(e[k]);
  }
  if (e.quantity !== undefined) exact(t.quantity, e.quantity, `${label}.quantity`);
  if (e.realizedPnl !== undefined) money(t.realizedPnl, e.realizedPnl, `${label}.realizedPnl`);
  if (e.fees !== undefined) money(t.fees, e.fees, `${label}.fees`);
  if (e.realizedPnlBase !== undefined)
    money(t.realizedPnlBase, e.realizedPnlBase, `${label}.realizedPnlBase`);
  if (e.returnPct !== undefined) pct(t.returnPct, e.returnPct, `${label}.returnPct`);
  if (e.executionIds !== undefined) expect(t.executionIds, `${label}.executionIds`).toEqual(e.executionIds);
  if (e.brokerPnl !== undefined) money(t.reconciliation.brokerPnl, e.brokerPnl, `${label}.brokerPnl`);
  if (e.status !== undefined) expect(t.reconciliation.status, `${label}.status`).toBe(e.status);
}
