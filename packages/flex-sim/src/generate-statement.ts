import { AccountLedger } from "./account-ledger.ts";
import { AccountSimulation } from "./account-simulation.ts";
import { ContractRegistry } from "./contract-registry.ts";
import { CURRENCIES, createMarket, type Market } from "./create-market.ts";
import { createRng, hashString } from "./create-rng.ts";
import { escapeXml } from "./escape-xml.ts";
import type { IdCounters } from "./execution-row.ts";
import { SPLIT_RATIO } from "./instrument-catalogue.ts";
import { renderAccountSections } from "./render-account-sections.ts";
import { renderOpenPositions } from "./render-open-positions.ts";
import { RowRenderer } from "./render-rows.ts";
import { runAccount, splitDayIndex } from "./run-account.ts";
import {
  type GenerateStatementOptions,
  normalizeStatementOptions,
  type StatementConfig,
} from "./statement-options.ts";
import { SPLIT_INSTRUMENT } from "./trading-actions.ts";
import { type CalendarDay, dayFromSerial, formatDateTime, tradingDays } from "./trading-calendar.ts";

export type { GenerateStatementOptions } from "./statement-options.ts";

/** Chunks are flushed at about this size, so a 50 MB statement never sits in memory whole. */
const CHUNK_SIZE = 64 * 1024;
const NAMES = ["Alex Example", "Maria O'Neil", "Jordan & Sam Trading", "Kim <Demo>", "Chris Müller"];

export interface AccountTruth {
  readonly accountId: string;
  readonly simulation: AccountSimulation;
  /** Cash, NAV and IB's twr, when the statement has the account sections. */
  readonly ledger: AccountLedger | null;
}

interface World {
  readonly config: StatementConfig;
  readonly days: readonly CalendarDay[];
  readonly market: Market;
  readonly registry: ContractRegistry;
}

/**
 * Streams a Flex statement as text chunks. Each account is simulated twice from the same seed: the first
 * run only learns the end positions (OpenPositions precede Trades in IB's layout), the second writes rows.
 */
export function* generateStatementChunks(
  options: GenerateStatementOptions,
  onAccount?: (truth: AccountTruth) => void,
): Generator<string> {
  const config = normalizeStatementOptions(options);
  const days = tradingDays(config.from, config.to);
  const market = createMarket(config.seed, days.length, {
    key: SPLIT_INSTRUMENT.marketKey,
    dayIndex: splitDayIndex(days.length),
    ratio: 10,
  });
  const world: World = { config, days, market, registry: new ContractRegistry(hashString) };
  const generated = dayFromSerial(config.to.serial + 1);
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<FlexQueryResponse queryName="${escapeXml(config.queryName)}" type="AF">\n` +
    `<FlexStatements count="${config.accountIds.length}">\n`;
  const ids: IdCounters = {
    transaction: 3_000_000_000 + (config.seed % 1_000_000) * 1_000,
    trade: 700_000_000 + (config.seed % 1_000_000) * 100,
  };
  const cashIds = { cash: 5_000_000_000 + (config.seed % 1_000_000) * 1_000 };
  const perAccount = config.executions / config.accountIds.length;
  for (const [index, accountId] of config.accountIds.entries()) {
    const target = Math.round(perAccount * (index + 1)) - Math.round(perAccount * index);
    const seed = hashString(`${config.seed}:${accountId}`);
    const makeSimulation = (counters: IdCounters) =>
      new AccountSimulation({
        accountId,
        baseCurrency: config.baseCurrency,
        days,
        market,
        registry: world.registry,
        rng: createRng(seed),
        ids: counters,
      });
    const dryRun = makeSimulation({ ...ids });
    for (const _ of runAccount(dryRun, target));
    const simulation = makeSimulation(ids);
    const r = new RowRenderer(accountId, config.dateFormat);
    const include = (section: string) => !config.omit.has(section);
    let out =
      `<FlexStatement accountId="${escapeXml(accountId)}" fromDate="${r.date(config.from)}" toDate="${r.date(config.to)}" ` +
      `period="${escapeXml(config.period)}" whenGenerated="${formatDateTime(generated, 29_703, config.dateFormat)}">\n`;
    if (include("AccountInformation")) {
      out +=
        `<AccountInformation accountId="${escapeXml(accountId)}" acctAlias="${escapeXml(`${accountId} ${NAMES[index % NAMES.length]}`)}" ` +
        `model="" currency="${config.baseCurrency}" name="${escapeXml(NAMES[index % NAMES.length] ?? "")}" accountType="Individual" ` +
        `customerType="Individual" accountCapabilities="Margin" tradingPermissions="Stocks,Options,Futures,Forex" ` +
        `dateOpened="${r.date(dayFromSerial(config.from.serial - 400))}" ibEntity="IBLLC-US" />\n`;
    }
    if (include("OpenPositions")) out += renderOpenPositions(dryRun, r, market, days, config.to);
    const ledger = config.accountSections
      ? new AccountLedger(
          {
            seed: config.seed,
            accountId,
            market,
            baseCurrency: config.baseCurrency,
            dayBefore: weekdayBefore(config.from),
            splitDayIndex: splitDayIndex(days.length),
            splitRatio: SPLIT_RATIO,
            splitKey: SPLIT_INSTRUMENT.marketKey,
            ids: cashIds,
          },
          target,
        )
      : null;
    const includeTrades = include("Trades");
    if (includeTrades) out += "<Trades>\n";
    for (const rows of runAccount(simulation, target)) {
      ledger?.endOfDay(simulation, rows);
      if (!includeTrades) continue;
      for (const row of rows) out += r.trade(row);
      if (out.length >= CHUNK_SIZE) {
        yield out;
        out = "";
      }
    }
    if (includeTrades) out += "</Trades>\n";
    out += renderSideSections(simulation, r, world, include);
    if (ledger !== null) out += renderAccountSections(ledger, accountId, r, config, include);
    yield `${out}</FlexStatement>\n`;
    onAccount?.({ accountId, simulation, ledger });
  }
  yield "</FlexStatements>\n</FlexQueryResponse>\n";
}

function renderSideSections(
  sim: AccountSimulation,
  r: RowRenderer,
  world: World,
  include: (s: string) => boolean,
): string {
  let out = "";
  if (include("OptionEAE"))
    out += `<OptionEAE>\n${sim.optionEae.map((row) => r.optionEae(row)).join("")}</OptionEAE>\n`;
  if (include("TradeTransfers")) out += "<TradeTransfers>\n</TradeTransfers>\n";
  if (include("CorporateActions")) {
    out += `<CorporateActions>\n${sim.corporateActions.map((row) => r.corporateAction(row)).join("")}</CorporateActions>\n`;
  }
  if (include("SecuritiesInfo")) {
    const instruments = [...sim.usedInstruments.values()].filter((i) => i.assetCategory !== "CASH");
    out += `<SecuritiesInfo>\n${instruments.map((i) => r.securityInfo(i)).join("")}</SecuritiesInfo>\n`;
  }
  if (include("ConversionRates")) {
    out += "<ConversionRates>\n";
    const base = world.config.baseCurrency;
    world.days.forEach((day, dayIndex) => {
      for (const currency of CURRENCIES) {
        if (currency === base) continue;
        out += `<ConversionRate reportDate="${r.date(day)}" fromCurrency="${currency}" toCurrency="${base}" rate="${world.market.fxRateToBase(currency, base, dayIndex)}" />\n`;
      }
    });
    out += "</ConversionRates>\n";
  }
  return out;
}

/** The last weekday before `day`. */
function weekdayBefore(day: CalendarDay): CalendarDay {
  let serial = day.serial - 1;
  while (dayFromSerial(serial).weekday === 0 || dayFromSerial(serial).weekday === 6) serial--;
  return dayFromSerial(serial);
}

/** The whole statement as one string (small and medium sizes). */
export function generateStatement(options: GenerateStatementOptions): string {
  let xml = "";
  for (const chunk of generateStatementChunks(options)) xml += chunk;
  return xml;
}
