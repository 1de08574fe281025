// The account-performance side of a simulated account (issue #16): its cash per currency, the cash rows IB
// would book (deposits and withdrawals, dividends, withholding tax, interest, fees), its NAV at every close
// (cash + positions at the sim's closing prices, in base currency) and IB's chain-linked `twr`.
// It follows the trading simulation without touching it: its own random stream, its own transaction ids, so
// a statement's trades are the same with or without these sections.
import type { AccountSimulation } from "./account-simulation.ts";
import type { Market } from "./create-market.ts";
import { createRng, hashString, type Rng } from "./create-rng.ts";
import type { ExecutionRow } from "./execution-row.ts";
import { FIXED_SCALE } from "./format-fixed.ts";
import type { Instrument } from "./instrument-catalogue.ts";
import { priceOption } from "./price-option.ts";
import type { CalendarDay } from "./trading-calendar.ts";

export interface SimCashRow {
  readonly type: string;
  readonly day: CalendarDay;
  readonly currency: string;
  readonly fxRateToBase: string;
  /** Currency units, two decimals. */
  readonly amount: string;
  readonly description: string;
  readonly transactionId: number;
}

export interface SimNavDay {
  readonly day: CalendarDay;
  /** Base currency, two decimals. */
  readonly total: string;
  readonly cash: string;
}

export interface LedgerSetup {
  readonly seed: number;
  readonly accountId: string;
  readonly market: Market;
  readonly baseCurrency: string;
  /** The last weekday before the window: its NAV opens the period (returns-contract rule 6's d0). */
  readonly dayBefore: CalendarDay;
  readonly splitDayIndex: number;
  readonly splitRatio: number;
  readonly splitKey: string;
  /** Shared by the statement's accounts, so cash transaction ids are unique in the file. */
  readonly ids: { cash: number };
}

const DIVIDEND_YIELD_PER_QUARTER = 0.004;
const WITHHOLDING = 0.15;

export class AccountLedger {
  readonly cashRows: SimCashRow[] = [];
  readonly navDays: SimNavDay[] = [];
  /** Π (1 + r) over the window's days, r as returns-contract rule 3 takes it (flows at the start of the day). */
  private twrIndex = 1;
  private readonly cash = new Map<string, number>();
  private readonly rng: Rng;
  private previousNav = 0;
  private dayFlows = 0;
  private dividendsBooked = 0;
  private started = false;

  constructor(
    private readonly setup: LedgerSetup,
    executionTarget: number,
  ) {
    this.rng = createRng(hashString(`${setup.seed}:${setup.accountId}:ledger`));
    // Enough capital that commissions and losses of an active year never exhaust it.
    const opening = 1_000_000 + 200 * executionTarget + 10_000 * this.rng.int(0, 100);
    this.cash.set(setup.baseCurrency, opening * FIXED_SCALE);
  }

  /** IB's `twr` over the window, percent. */
  get twrPct(): number {
    return (this.twrIndex - 1) * 100;
  }

  get startingNav(): string {
    return this.navDays[0]?.total ?? "0";
  }

  get endingNav(): string {
    return this.navDays.at(-1)?.total ?? "0";
  }

  /** Books a day of the simulation: its trades' cash, the day's cash rows, then the NAV at the close. */
  endOfDay(sim: AccountSimulation, rows: readonly ExecutionRow[]): void {
    if (!this.started) {
      this.started = true;
      this.recordNav(this.setup.dayBefore, -1, this.valueOf(sim.startPositions, sim, -1), false);
    }
    for (const row of rows) {
      this.add(row.instrument.currency, -row.quantity * row.price * row.instrument.multiplier);
      this.add(row.commissionCurrency, row.commission);
      // A conversion also moves the other currency of the pair (EUR.USD: euros in or out).
      if (row.instrument.assetCategory === "CASH")
        this.add(row.instrument.symbol.slice(0, 3), row.quantity * FIXED_SCALE);
    }
    this.dayFlows = 0;
    const day = sim.day;
    const dayIndex = sim.dayIndex;
    this.bookFlows(day, dayIndex);
    this.bookDividends(sim, day, dayIndex);
    if (this.isFirstOfMonth(day)) this.bookMonthly(day, dayIndex);
    const positions = new Map<string, number>();
    for (const [conid, holding] of sim.holdings)
      if (holding.book.position !== 0) positions.set(conid, holding.book.position);
    this.recordNav(day, dayIndex, this.valueOf(positions, sim, dayIndex), true);
  }

  private recordNav(day: CalendarDay, dayIndex: number, positionsValue: number, chain: boolean): void {
    let cashBase = 0;
    for (const [currency, units] of this.cash)
      cashBase += (units / FIXED_SCALE) * this.rate(currency, dayIndex);
    const total = (cashBase + positionsValue).toFixed(2);
    this.navDays.push({ day, total, cash: cashBase.toFixed(2) });
    const nav = Number(total);
    if (chain) {
      const capital = this.previousNav + this.dayFlows;
      if (capital !== 0) this.twrIndex *= 1 + (nav - this.previousNav - this.dayFlows) / capital;
    }
    this.previousNav = nav;
  }

  /** Positions at the day's close, base currency. */
  private valueOf(positions: ReadonlyMap<string, number>, sim: AccountSimulation, dayIndex: number): number {
    let value = 0;
    for (const [conid, quantity] of positions) {
      const instrument = sim.usedInstruments.get(conid);
      if (instrument === undefined || instrument.assetCategory === "CASH") continue;
      value +=
        quantity *
        this.price(instrument, dayIndex, sim) *
        instrument.multiplier *
        this.rate(instrument.currency, dayIndex);
    }
    return value;
  }

  private price(instrument: Instrument, dayIndex: number, sim: AccountSimulation): number {
    const { market, splitDayIndex, splitRatio, splitKey } = this.setup;
    let spot = market.close(instrument.marketKey, dayIndex);
    // The split is booked after the split day's close, while the price path turns only the next day.
    if (instrument.marketKey === splitKey && dayIndex === splitDayIndex && instrument.assetCategory === "STK")
      spot /= splitRatio;
    if (instrument.assetCategory !== "OPT") return spot;
    const expiry = instrument.expiry?.serial ?? sim.day.serial;
    const today = dayIndex < 0 ? this.setup.dayBefore.serial : sim.day.serial;
    return priceOption(spot, (instrument.strike ?? 0) / 10_000, instrument.putCall ?? "C", expiry - today);
  }

  private rate(currency: string, dayIndex: number): number {
    return Number(this.setup.market.fxRateToBase(currency, this.setup.baseCurrency, dayIndex));
  }

  private add(currency: string, units: number): void {
    this.cash.set(currency, (this.cash.get(currency) ?? 0) + units);
  }

  /** A cash row in `currency`, `amount` in currency units (rounded to cents). */
  private book(
    type: string,
    day: CalendarDay,
    dayIndex: number,
    currency: string,
    amount: number,
    description: string,
  ) {
    const cents = Math.round(amount * 100);
    if (cents === 0) return;
    this.add(currency, cents * (FIXED_SCALE / 100));
    const fxRateToBase = this.setup.market.fxRateToBase(currency, this.setup.baseCurrency, dayIndex);
    this.cashRows.push({
      type,
      day,
      currency,
      fxRateToBase,
      amount: (cents / 100).toFixed(2),
      description,
      transactionId: this.setup.ids.cash++,
    });
    if (type === "Deposits/Withdrawals") this.dayFlows += (cents / 100) * Number(fxRateToBase);
  }

  /** A deposit about every six weeks, a withdrawal about every quarter. */
  private bookFlows(day: CalendarDay, dayIndex: number): void {
    const base = this.setup.baseCurrency;
    if (this.rng.chance(1 / 30)) {
      this.book(
        "Deposits/Withdrawals",
        day,
        dayIndex,
        base,
        1_000 * this.rng.int(2, 40),
        "CASH RECEIPTS / ELECTRONIC FUND TRANSFERS",
      );
    } else if (this.rng.chance(1 / 60) && this.previousNav > 20_000) {
      const amount = Math.floor((this.previousNav * this.rng.int(1, 8)) / 100 / 100) * 100;
      this.book(
        "Deposits/Withdrawals",
        day,
        dayIndex,
        base,
        -amount,
        "DISBURSEMENT INITIATED BY Account Holder",
      );
    }
  }

  /** Quarterly dividends on stocks held at the close: paid on longs (less withholding), in lieu on shorts. */
  private bookDividends(sim: AccountSimulation, day: CalendarDay, dayIndex: number): void {
    for (const holding of sim.holdings.values()) {
      const { instrument, book } = holding;
      if (instrument.assetCategory !== "STK" || book.position === 0) continue;
      if ((hashString(instrument.symbol) + dayIndex) % 63 !== 0) continue;
      const perShare =
        Math.round(
          this.setup.market.close(instrument.marketKey, dayIndex) * DIVIDEND_YIELD_PER_QUARTER * 100,
        ) / 100;
      const amount = book.position * perShare;
      const what = `${instrument.symbol} CASH DIVIDEND ${instrument.currency} ${perShare.toFixed(2)} PER SHARE`;
      if (amount < 0) {
        this.book(
          "Payment In Lieu Of Dividends",
          day,
          dayIndex,
          instrument.currency,
          amount,
          `${what} (PAYMENT IN LIEU)`,
        );
        continue;
      }
      this.book("Dividends", day, dayIndex, instrument.currency, amount, what);
      // IB sometimes books a dividend twice and reverses one copy: a row of its own, the opposite sign.
      if (this.dividendsBooked++ === 1) {
        this.book("Dividends", day, dayIndex, instrument.currency, amount, what);
        this.book("Dividends", day, dayIndex, instrument.currency, -amount, `${what} - REVERSAL`);
      }
      this.book(
        "Withholding Tax",
        day,
        dayIndex,
        instrument.currency,
        -amount * WITHHOLDING,
        `${what} - US TAX`,
      );
    }
  }

  /** On the first trading day of a month: last month's interest on base cash, and the market-data fee. */
  private bookMonthly(day: CalendarDay, dayIndex: number): void {
    const base = this.setup.baseCurrency;
    const balance = (this.cash.get(base) ?? 0) / FIXED_SCALE;
    const month = day.iso.slice(0, 7);
    if (balance > 10_000) {
      this.book(
        "Broker Interest Received",
        day,
        dayIndex,
        base,
        ((balance - 10_000) * 0.03) / 12,
        `${base} CREDIT INT FOR ${month}`,
      );
    } else if (balance < 0) {
      this.book(
        "Broker Interest Paid",
        day,
        dayIndex,
        base,
        (balance * 0.06) / 12,
        `${base} DEBIT INT FOR ${month}`,
      );
    }
    this.book("Other Fees", day, dayIndex, base, -10, `P*******:NYSE/AMEX/NASDAQ SNAPSHOT FOR ${month}`);
  }

  private isFirstOfMonth(day: CalendarDay): boolean {
    const previous = this.navDays.at(-1)?.day;
    return previous !== undefined && previous.iso.slice(0, 7) !== day.iso.slice(0, 7);
  }
}
