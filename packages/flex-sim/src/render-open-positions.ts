import type { AccountSimulation } from "./account-simulation.ts";
import type { Market } from "./create-market.ts";
import { priceOption } from "./price-option.ts";
import type { RowRenderer } from "./render-rows.ts";
import type { CalendarDay } from "./trading-calendar.ts";

/** OpenPositions as IB writes them with "Summary" detail: one SUMMARY row per non-zero position at toDate. */
export function renderOpenPositions(
  sim: AccountSimulation,
  r: RowRenderer,
  market: Market,
  days: readonly CalendarDay[],
  reportDay: CalendarDay,
): string {
  const last = days.length - 1;
  let out = "<OpenPositions>\n";
  const holdings = [...sim.holdings.values()]
    .filter((h) => h.book.position !== 0)
    .sort((a, b) =>
      a.instrument.symbol < b.instrument.symbol ? -1 : a.instrument.symbol > b.instrument.symbol ? 1 : 0,
    );
  for (const { instrument, book } of holdings) {
    const spot = market.close(instrument.marketKey, last);
    const mark =
      instrument.assetCategory === "OPT"
        ? priceOption(
            spot,
            (instrument.strike ?? 0) / 10_000,
            instrument.putCall ?? "C",
            (instrument.expiry?.serial ?? 0) - reportDay.serial,
          )
        : spot;
    const markPrice = Math.max(
      instrument.tick,
      Math.round((mark * 10_000) / instrument.tick) * instrument.tick,
    );
    out += r.openPosition(instrument, {
      position: book.position,
      markPrice,
      costBasis: book.costBasis(),
      fxRateToBase: market.fxRateToBase(instrument.currency, sim.setup.baseCurrency, last),
      reportDay,
    });
  }
  return `${out}</OpenPositions>\n`;
}
