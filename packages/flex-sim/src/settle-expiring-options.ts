import type { AccountSimulation } from "./account-simulation.ts";
import { STOCKS, stockInstrument } from "./instrument-catalogue.ts";
import { secondsOf } from "./trading-calendar.ts";

/** IB books expiries, assignments and exercises after the close, at 16:20:00 New York time. */
export const EXPIRY_BOOKING_TIME = secondsOf(16, 20);

const UNDERLYINGS = new Map(STOCKS.map((spec) => [spec.conid, stockInstrument(spec)]));

/**
 * Closes every option of the account that expires today: out of the money at price 0 with notes "Ep";
 * in the money by assignment ("A", short) or exercise ("Ex", long), delivering the underlying at the strike
 * with the option's cost moved into the stock (so the option row realizes 0, as IB reports it).
 */
export function settleExpiringOptions(sim: AccountSimulation): void {
  const today = sim.day;
  for (const holding of [...sim.openDerivatives.values()]) {
    const option = holding.instrument;
    const position = holding.book.position;
    if (option.assetCategory !== "OPT" || position === 0 || option.expiry?.serial !== today.serial) continue;
    const underlying = UNDERLYINGS.get(option.underlyingConid);
    if (!underlying || option.strike === null || option.putCall === null) continue;
    const spot = sim.setup.market.close(underlying.marketKey, sim.dayIndex);
    const strike = option.strike / 10_000;
    const intrinsic = option.putCall === "C" ? spot - strike : strike - spot;
    const booking = intrinsic < 0.01 ? "Ep" : position > 0 ? "Ex" : "A";
    const { row, result } = sim.execute(option, -position, 0, EXPIRY_BOOKING_TIME, { booking });
    const fxRateToBase = row.fxRateToBase;
    sim.optionEae.push({
      instrument: option,
      day: today,
      fxRateToBase,
      quantity: -position,
      tradePrice: 0,
      transactionType: booking === "Ep" ? "Expiration" : booking === "A" ? "Assignment" : "Exercise",
      markPrice: Math.round(Math.max(intrinsic, 0) * 100) * 100,
      realizedPnl: row.fifoPnlRealized,
      tradeId: row.tradeId,
    });
    if (booking === "Ep") continue;
    // Long call / short put receive shares; long put / short call deliver them.
    const receives = (option.putCall === "C") === position > 0;
    const shares = Math.abs(position) * option.multiplier * (receives ? 1 : -1);
    const delivered = sim.execute(underlying, shares, option.strike, EXPIRY_BOOKING_TIME, {
      booking,
      cashAdjust: result.realized,
    });
    sim.optionEae.push({
      instrument: underlying,
      day: today,
      fxRateToBase,
      quantity: shares,
      tradePrice: option.strike,
      transactionType: shares > 0 ? "Buy" : "Sell",
      markPrice: Math.round(spot * 100) * 100,
      realizedPnl: delivered.row.fifoPnlRealized,
      tradeId: delivered.row.tradeId,
    });
  }
}
