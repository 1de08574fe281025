import { bookCancelledFill } from "./book-cancelled-fill.ts";
import { commissionFor } from "./commission-for.ts";
import type { ContractRegistry } from "./contract-registry.ts";
import type { Market } from "./create-market.ts";
import type { Rng } from "./create-rng.ts";
import { exchangeFor, execId } from "./execution-ids.ts";
import {
  type CorporateActionRow,
  type ExecutionRow,
  type IdCounters,
  type OptionEaeRow,
  withTransactionId,
} from "./execution-row.ts";
import { FifoBook } from "./fifo-book.ts";
import type { Instrument } from "./instrument-catalogue.ts";
import { PickableSet } from "./pickable-set.ts";
import type { CalendarDay } from "./trading-calendar.ts";

export interface Holding {
  readonly instrument: Instrument;
  readonly book: FifoBook;
  /** True while the open position dates from before the window: closing it is not a round trip of ours. */
  preWindow: boolean;
}

export interface ExecuteOptions {
  readonly booking?: "Ep" | "A" | "Ex";
  readonly commission?: number;
  /** Option premium moved into the delivered underlying's cost (IB's basis adjustment on A/Ex). */
  readonly cashAdjust?: number;
  /** Book an erroneous fill first, cancel it, then rebook this execution under the same tradeID. */
  readonly cancelRebook?: boolean;
}

export interface SimulationSetup {
  readonly accountId: string;
  readonly baseCurrency: string;
  readonly days: readonly CalendarDay[];
  readonly market: Market;
  readonly registry: ContractRegistry;
  readonly rng: Rng;
  readonly ids: IdCounters;
}

/**
 * The state of one account while its statement is generated: holdings, rows of the current day, the
 * side sections. Trading decisions live in `trade-randomly.ts`; this class books their consequences.
 */
export class AccountSimulation {
  readonly holdings = new Map<string, Holding>();
  /** Non-zero option and future holdings: scanning all holdings per decision would be quadratic. */
  readonly openDerivatives = new PickableSet<Holding>();
  readonly startPositions = new Map<string, number>();
  readonly usedInstruments = new Map<string, Instrument>();
  readonly optionEae: OptionEaeRow[] = [];
  readonly corporateActions: CorporateActionRow[] = [];
  dayRows: ExecutionRow[] = [];
  executionCount = 0;
  closedRoundTrips = 0;
  dayIndex = 0;
  splitDone = false;
  private clock = 0;
  private cancellationPending = true;

  constructor(readonly setup: SimulationSetup) {}

  get day(): CalendarDay {
    const day = this.setup.days[this.dayIndex];
    if (!day) throw new Error("simulation ran past its last day");
    return day;
  }

  startDay(dayIndex: number): void {
    this.dayIndex = dayIndex;
    this.clock = 0;
    this.dayRows = [];
  }

  /** One guaranteed cancel/rebook per account, on the first stock execution after a third of the window. */
  wantsCancellation(instrument: Instrument): boolean {
    if (!this.cancellationPending || instrument.assetCategory !== "STK") return false;
    if (this.dayIndex < Math.floor(this.setup.days.length / 3)) return false;
    this.cancellationPending = false;
    return true;
  }

  holding(instrument: Instrument): Holding {
    let holding = this.holdings.get(instrument.conid);
    if (!holding) {
      holding = { instrument, book: new FifoBook(), preWindow: false };
      this.holdings.set(instrument.conid, holding);
    }
    return holding;
  }

  position(instrument: Instrument): number {
    return this.holdings.get(instrument.conid)?.book.position ?? 0;
  }

  /** A lot bought or sold before the window: it exists only in the books and in OpenPositions. */
  seedPosition(instrument: Instrument, quantity: number, price: number): void {
    const holding = this.holding(instrument);
    holding.book.apply(
      quantity,
      -quantity * price * instrument.multiplier + this.commissionFor(instrument, quantity, price),
    );
    holding.preWindow = true;
    if (instrument.assetCategory !== "STK") this.openDerivatives.set(instrument.conid, holding);
    this.usedInstruments.set(instrument.conid, instrument);
    this.startPositions.set(instrument.conid, (this.startPositions.get(instrument.conid) ?? 0) + quantity);
  }

  fxRate(currency: string): string {
    return this.setup.market.fxRateToBase(currency, this.setup.baseCurrency, this.dayIndex);
  }

  commissionFor(instrument: Instrument, quantity: number, price: number): number {
    return commissionFor(instrument, quantity, price);
  }

  /** Books one execution at `seconds` (never earlier than the previous row of the day). */
  execute(
    instrument: Instrument,
    quantity: number,
    price: number,
    seconds: number,
    options: ExecuteOptions = {},
  ) {
    const { ids } = this.setup;
    const at = Math.min(Math.max(seconds, this.clock), 86_399);
    this.clock = at;
    const commission = options.booking
      ? 0
      : (options.commission ?? this.commissionFor(instrument, quantity, price));
    const cash = -quantity * price * instrument.multiplier + commission;
    const holding = this.holding(instrument);
    const result = holding.book.apply(quantity, cash + (options.cashAdjust ?? 0));
    if (instrument.assetCategory === "OPT" || instrument.assetCategory === "FUT") {
      if (result.positionAfter === 0)
        this.openDerivatives.delete(instrument.conid, (h) => h.instrument.conid);
      else this.openDerivatives.set(instrument.conid, holding);
    }
    const wasPreWindow = holding.preWindow;
    if (result.closedQuantity > 0 && Math.sign(result.positionAfter) !== Math.sign(result.positionBefore)) {
      if (!wasPreWindow) this.closedRoundTrips++;
      holding.preWindow = false;
    }
    const openClose =
      result.closedQuantity === 0 ? "O" : result.closedQuantity === Math.abs(quantity) ? "C" : "C;O";
    const tradeId = String(ids.trade++);
    const fxRateToBase = this.fxRate(instrument.currency);
    const exchange = options.booking ? "--" : this.exchangeFor(instrument);
    const base = {
      instrument,
      day: this.day,
      seconds: at,
      fxRateToBase,
      quantity,
      price,
      commission,
      commissionCurrency: instrument.currency,
      exchange,
      openClose,
      tradeId,
      origTradeId: "",
    };
    const buySell = quantity > 0 ? "BUY" : "SELL";
    if (options.cancelRebook) bookCancelledFill(this, base, result, buySell);
    // An explicit literal: spreading `base` here made this the generator's hottest line.
    this.record({
      instrument,
      day: this.day,
      seconds: at,
      fxRateToBase,
      quantity,
      price,
      commission,
      commissionCurrency: instrument.currency,
      exchange,
      openClose,
      tradeId,
      origTradeId: "",
      transactionType: options.booking ? "BookTrade" : "ExchTrade",
      notes: options.booking ?? "",
      // On assignment/exercise the option realizes nothing: its premium moves into the underlying's cost.
      fifoPnlRealized:
        result.closedQuantity > 0 &&
        !(instrument.assetCategory === "OPT" && (options.booking === "A" || options.booking === "Ex"))
          ? result.realized
          : 0,
      buySell,
      ibExecId: options.booking ? "" : this.nextExecId(at),
    });
    return { row: this.dayRows[this.dayRows.length - 1] as ExecutionRow, result };
  }

  /** Takes the next transactionID; rows are built as full literals so every row shares one hidden class. */
  record(row: Omit<ExecutionRow, "transactionId">): void {
    const full = withTransactionId(row, this.setup.ids.transaction++);
    this.dayRows.push(full);
    this.usedInstruments.set(row.instrument.conid, row.instrument);
    if (row.instrument.assetCategory !== "CASH") this.executionCount++;
  }

  /** A currency conversion: a CASH row that moves no position and is not a trade. */
  convertCurrency(instrument: Instrument, euros: number, rate: number, seconds: number): void {
    const at = Math.max(seconds, this.clock);
    this.clock = at;
    this.record({
      instrument,
      day: this.day,
      seconds: at,
      fxRateToBase: this.fxRate(instrument.currency),
      quantity: euros,
      price: rate,
      commission: -20_000,
      commissionCurrency: "USD",
      transactionType: "ExchTrade",
      exchange: "IDEALFX",
      openClose: "",
      notes: "",
      fifoPnlRealized: 0,
      tradeId: String(this.setup.ids.trade++),
      origTradeId: "",
      buySell: euros > 0 ? "BUY" : "SELL",
      ibExecId: this.nextExecId(at),
    });
  }

  private exchangeFor(instrument: Instrument): string {
    return exchangeFor(instrument, this.setup.rng);
  }

  nextExecId(seconds: number): string {
    return execId(this.setup.ids.transaction, this.day, seconds);
  }
}
