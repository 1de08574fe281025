import type { AccountSimulation } from "./account-simulation.ts";
import type { ExecutionRow } from "./execution-row.ts";
import { EUR_USD, SPLIT_RATIO, STOCKS, stockInstrument } from "./instrument-catalogue.ts";
import { priceOption, strikeStep } from "./price-option.ts";
import { EXPIRY_BOOKING_TIME, settleExpiringOptions } from "./settle-expiring-options.ts";
import {
  rollExpiringFutures,
  SPLIT_INSTRUMENT,
  tradeFuture,
  tradeOption,
  tradeStock,
} from "./trading-actions.ts";
import { dayFromSerial, secondsOf } from "./trading-calendar.ts";

/** Executions per decision on average (partial fills, expiries); turns the row budget into a decision count. */
const ROWS_PER_DECISION = 1.35;
const OPEN = secondsOf(9, 30);
const CLOSE = secondsOf(16, 0);
const SPLIT_TIME = secondsOf(20, 25);

export function splitDayIndex(dayCount: number): number {
  return Math.floor(dayCount * 0.4);
}

/** Positions the account already held when the window starts (they show up in OpenPositions only). */
function seedPreWindowPositions(sim: AccountSimulation): void {
  const { rng, market, registry } = sim.setup;
  const picks = new Set<number>();
  while (picks.size < 3) picks.add(rng.int(0, STOCKS.length - 1));
  for (const index of picks) {
    const instrument = stockInstrument(STOCKS[index] ?? STOCKS[0]!);
    const price = Math.round(market.close(instrument.marketKey, -1) * rng.int(85, 115)) * 100;
    sim.seedPosition(instrument, (rng.chance(0.8) ? 1 : -1) * 10 * rng.int(2, 30), price);
  }
  sim.seedPosition(
    SPLIT_INSTRUMENT,
    100,
    Math.round(market.close(SPLIT_INSTRUMENT.marketKey, -1) * 95) * 100,
  );
  // A short put sold before the window that expires a few weeks into it (expiry or assignment).
  const first = sim.setup.days[0];
  if (!first) return;
  const underlying = stockInstrument(STOCKS[rng.int(0, 3)] ?? STOCKS[0]!);
  const spot = market.close(underlying.marketKey, -1);
  const strike = Math.round(Math.round(spot / strikeStep(spot)) * strikeStep(spot) * 100) * 100;
  const expiry = dayFromSerial(first.serial + ((5 - first.weekday + 7) % 7) + 14);
  const put = registry.option(underlying, expiry, strike, "P");
  sim.seedPosition(put, -2, Math.round(priceOption(spot, strike / 10_000, "P", 21) * 100) * 100);
}

/** Times of the day's decisions, sorted: mostly regular hours, some pre-market and after-hours. */
function decisionTimes(sim: AccountSimulation, count: number): number[] {
  const { rng } = sim.setup;
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const r = rng.next();
    if (r < 0.05) times.push(rng.int(secondsOf(4, 0), OPEN - 1));
    else if (r < 0.1) times.push(rng.int(CLOSE, secondsOf(19, 59)));
    else times.push(rng.int(OPEN, CLOSE - 10));
  }
  return times.sort((a, b) => a - b);
}

function decide(sim: AccountSimulation, seconds: number): void {
  const { rng, market } = sim.setup;
  const regular = seconds >= OPEN && seconds < CLOSE;
  const r = rng.next();
  if (regular && r < 0.012) {
    const rate = Math.round(market.usdPer("EUR", sim.dayIndex) * 10_000);
    sim.convertCurrency(EUR_USD, (rng.chance(0.5) ? 1 : -1) * 100 * rng.int(50, 500), rate, seconds);
  } else if (regular && r < 0.3) tradeOption(sim, seconds);
  else if (r < 0.45) tradeFuture(sim, seconds);
  else tradeStock(sim, seconds, !regular);
}

/**
 * Runs the account through its window and yields each day's Trade rows. Running it twice with equal
 * inputs yields equal rows, which is how the statement writer learns end positions before it writes them.
 */
export function* runAccount(sim: AccountSimulation, executionTarget: number): Generator<ExecutionRow[]> {
  const { days } = sim.setup;
  seedPreWindowPositions(sim);
  const splitDay = splitDayIndex(days.length);
  for (let dayIndex = 0; dayIndex < days.length; dayIndex++) {
    sim.startDay(dayIndex);
    rollExpiringFutures(sim);
    const budget = Math.round((executionTarget * (dayIndex + 1)) / days.length) - sim.executionCount;
    const count = budget <= 0 ? 0 : Math.max(1, Math.round(budget / ROWS_PER_DECISION));
    let settled = false;
    for (const seconds of decisionTimes(sim, count)) {
      if (!settled && seconds > EXPIRY_BOOKING_TIME) {
        settleExpiringOptions(sim);
        settled = true;
      }
      decide(sim, seconds);
    }
    if (!settled) settleExpiringOptions(sim);
    if (dayIndex === splitDay) splitStock(sim);
    yield sim.dayRows;
  }
}

/** A 10-for-1 forward split (CorporateActions type FS) booked after the close; no cash, more shares. */
function splitStock(sim: AccountSimulation): void {
  const holding = sim.holding(SPLIT_INSTRUMENT);
  const added = holding.book.split(SPLIT_RATIO);
  sim.splitDone = true;
  if (added === 0) return;
  const next = sim.setup.days[sim.dayIndex + 1] ?? dayFromSerial(sim.day.serial + 1);
  sim.corporateActions.push({
    instrument: SPLIT_INSTRUMENT,
    day: sim.day,
    reportDay: next,
    fxRateToBase: sim.fxRate("USD"),
    quantity: added,
    ratio: SPLIT_RATIO,
    transactionId: sim.setup.ids.transaction++,
    seconds: SPLIT_TIME,
  });
}
