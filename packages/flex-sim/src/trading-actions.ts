import type { AccountSimulation } from "./account-simulation.ts";
import { FUTURES, type Instrument, SPLIT_STOCK, STOCKS, stockInstrument } from "./instrument-catalogue.ts";
import { priceOption, strikeStep } from "./price-option.ts";
import { dayFromSerial, secondsOf } from "./trading-calendar.ts";

const US_STOCKS = STOCKS.filter((s) => s.currency === "USD").map(stockInstrument);
const EU_STOCKS = STOCKS.filter((s) => s.currency !== "USD").map(stockInstrument);
const OPTIONABLE = STOCKS.filter((s) => s.optionable).map(stockInstrument);
export const SPLIT_INSTRUMENT = stockInstrument(SPLIT_STOCK);
const EU_CLOSE = secondsOf(11, 30);

/** Intraday price: the day's close with a little noise, on the instrument's tick. */
export function tradePrice(sim: AccountSimulation, instrument: Instrument, spread = 0.008): number {
  const close = sim.setup.market.close(instrument.marketKey, sim.dayIndex);
  const raw = close * (1 + spread * (sim.setup.rng.next() * 2 - 1));
  return Math.max(instrument.tick, Math.round((raw * 10_000) / instrument.tick) * instrument.tick);
}

/** Splits a quantity into 1–3 partial fills, as a large order often executes. */
function fills(sim: AccountSimulation, quantity: number, lot: number): number[] {
  const count = Math.abs(quantity) >= 2 * lot ? sim.setup.rng.int(1, 3) : 1;
  const parts: number[] = [];
  let left = quantity;
  for (let i = count; i > 1; i--) {
    const part = Math.sign(quantity) * lot * Math.max(1, Math.floor(Math.abs(left) / lot / i));
    if (Math.abs(part) >= Math.abs(left)) break;
    parts.push(part);
    left -= part;
  }
  parts.push(left);
  return parts;
}

/**
 * One trading decision on an instrument: open when flat, else add, reduce, close or flip ("C;O").
 * `size` is a fresh position size, `lot` the round lot.
 */
function tradeInstrument(
  sim: AccountSimulation,
  instrument: Instrument,
  seconds: number,
  size: number,
  lot: number,
): void {
  const { rng } = sim.setup;
  const position = sim.position(instrument);
  const cancel = rng.chance(1 / 2500) || sim.wantsCancellation(instrument);
  let orders: number[];
  const roll = rng.next();
  if (position === 0) orders = fills(sim, rng.chance(0.72) ? size : -size, lot);
  // Adds stop at a few standard sizes so positions stay within a plausible account's buying power.
  else if (roll < 0.2 && Math.abs(position) < 3 * size) orders = [Math.sign(position) * size];
  else if (roll < 0.45 && Math.abs(position) >= 2 * lot) {
    orders = [
      -Math.sign(position) *
        lot *
        Math.max(1, Math.round((Math.abs(position) / lot) * (0.3 + rng.next() * 0.4))),
    ];
  } else if (roll < 0.9) orders = fills(sim, -position, lot);
  else orders = [-position - Math.sign(position) * size];
  let at = seconds;
  for (const quantity of orders) {
    sim.execute(instrument, quantity, tradePrice(sim, instrument), at, {
      cancelRebook: cancel && instrument.assetCategory === "STK",
    });
    at += rng.int(0, 4);
  }
}

export function tradeStock(sim: AccountSimulation, seconds: number, extendedHours: boolean): void {
  const { rng } = sim.setup;
  const pool = [...(seconds < EU_CLOSE ? EU_STOCKS : []), ...US_STOCKS];
  if (sim.splitDone) pool.push(SPLIT_INSTRUMENT);
  const eligible = pool.filter((s) =>
    s.session === "eu" ? seconds < EU_CLOSE : !extendedHours || rng.chance(0.6),
  );
  const open = eligible.filter((s) => sim.position(s) !== 0);
  const instrument =
    open.length > 0 && rng.chance(0.6)
      ? rng.pick(open)
      : rng.pick(eligible.length > 0 ? eligible : US_STOCKS);
  const price = sim.setup.market.close(instrument.marketKey, sim.dayIndex);
  const lot = price > 300 ? 5 : price > 50 ? 10 : 100;
  const size = lot * rng.int(1, Math.max(2, Math.round(20_000 / (price * lot))));
  tradeInstrument(sim, instrument, seconds, size, lot);
}

export function tradeFuture(sim: AccountSimulation, seconds: number): void {
  const { rng } = sim.setup;
  const specs = FUTURES.filter((f) => f.session === "us" || seconds < secondsOf(16, 0));
  const spec = rng.pick(specs);
  const contract = sim.setup.registry.future(spec, sim.day, 8);
  const size = spec.multiplier <= 5 ? rng.int(1, 10) : rng.int(1, 3);
  tradeInstrument(sim, contract, seconds, size, 1);
}

export function tradeOption(sim: AccountSimulation, seconds: number): void {
  const { rng, market, registry } = sim.setup;
  // Half the time, trade a held option (a future picked here counts as "no option at hand").
  const held =
    sim.openDerivatives.size > 0 && rng.chance(0.5) ? sim.openDerivatives.pick(rng.next()) : undefined;
  let option: Instrument;
  if (held && held.instrument.assetCategory === "OPT") option = held.instrument;
  else {
    const underlying = rng.pick(OPTIONABLE);
    const spot = market.close(underlying.marketKey, sim.dayIndex);
    const step = strikeStep(spot);
    const strike = Math.round((Math.round(spot / step) + rng.int(-3, 3)) * step * 100) * 100;
    const toFriday = (5 - sim.day.weekday + 7) % 7;
    const expiry = dayFromSerial(sim.day.serial + toFriday + 7 * rng.int(0, 5));
    option = registry.option(underlying, expiry, strike, rng.chance(0.5) ? "C" : "P");
  }
  const spot = market.close(option.marketKey, sim.dayIndex);
  const days = (option.expiry?.serial ?? sim.day.serial) - sim.day.serial;
  const premium = priceOption(spot, (option.strike ?? 0) / 10_000, option.putCall ?? "C", days);
  const price = Math.max(100, Math.round(premium * (1 + 0.03 * (rng.next() * 2 - 1)) * 100) * 100);
  const position = sim.position(option);
  let quantity: number;
  if (position === 0) quantity = (rng.chance(0.6) ? 1 : -1) * rng.int(1, 10);
  else if (Math.abs(position) > 1 && rng.chance(0.4))
    quantity = -Math.sign(position) * rng.int(1, Math.abs(position) - 1);
  else quantity = -position;
  sim.execute(option, quantity, price, seconds);
}

/** Closes futures a few days before expiry, as traders roll instead of going to delivery. */
export function rollExpiringFutures(sim: AccountSimulation): void {
  let seconds = secondsOf(3, 0);
  for (const holding of [...sim.openDerivatives.values()]) {
    const expiry = holding.instrument.expiry;
    if (holding.instrument.assetCategory !== "FUT" || holding.book.position === 0 || !expiry) continue;
    if (expiry.serial - sim.day.serial >= 5) continue;
    sim.execute(holding.instrument, -holding.book.position, tradePrice(sim, holding.instrument), seconds++);
  }
}
