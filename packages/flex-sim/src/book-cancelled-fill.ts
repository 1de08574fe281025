import type { AccountSimulation } from "./account-simulation.ts";
import type { ExecutionRow } from "./execution-row.ts";
import type { FifoResult } from "./fifo-book.ts";

export type FillBase = Pick<
  ExecutionRow,
  | "instrument"
  | "day"
  | "seconds"
  | "fxRateToBase"
  | "quantity"
  | "price"
  | "commission"
  | "commissionCurrency"
  | "exchange"
  | "openClose"
  | "tradeId"
  | "origTradeId"
>;

/**
 * IB corrects a bad fill by cancelling it (TradeCancel, notes "Ca", origTradeID = its tradeID, buySell
 * "BUY (Ca.)") and rebooking under the same tradeID. Books the bad fill and its cancellation; the caller
 * then books the rebooked fill, which is the one the position and FIFO lots really follow.
 */
export function bookCancelledFill(
  sim: AccountSimulation,
  base: FillBase,
  result: FifoResult,
  buySell: string,
): void {
  const { instrument, quantity, price } = base;
  const wrongPrice = price + instrument.tick * (sim.setup.rng.chance(0.5) ? 1 : -1);
  const diff = -quantity * (wrongPrice - price) * instrument.multiplier;
  const wrongFifo =
    result.closedQuantity > 0
      ? result.realized + Math.round((diff * result.closedQuantity) / Math.abs(quantity))
      : 0;
  sim.record({
    ...base,
    price: wrongPrice,
    transactionType: "ExchTrade",
    notes: "",
    fifoPnlRealized: wrongFifo,
    buySell,
    ibExecId: sim.nextExecId(base.seconds),
  });
  sim.record({
    ...base,
    price: wrongPrice,
    quantity: -quantity,
    commission: 0,
    tradeId: "",
    origTradeId: base.tradeId,
    transactionType: "TradeCancel",
    exchange: "--",
    openClose: "",
    notes: "Ca",
    fifoPnlRealized: -wrongFifo,
    buySell: `${buySell} (Ca.)`,
    ibExecId: "",
  });
}
