// Rules 7–11: walk the merged time line once, keeping one position per instrument, and cut it into round trips.
import { type Decimal, ONE, ZERO } from "../money.ts";
import type { RoundTrip, UnmatchedExecution } from "../report-types.ts";
import type { InstrumentFields, Issue, OptionEvent } from "../types.ts";
import { COMMISSION_PLACES, type CommissionConverter } from "./create-commission-converter.ts";
import {
  addLeg,
  closeTrade,
  type LegSource,
  type OpenTrade,
  settleInCash,
  startTrade,
} from "./open-trade.ts";
import { settlementKey } from "./option-close-events.ts";
import { hintBit } from "./reconcile-trade.ts";
import { closesOptionAtZero, isCloseOnly } from "./row-flags.ts";
import type { StartPositions } from "./start-positions.ts";
import type {
  ExecutionEvent,
  OptionCloseEvent,
  SplitEvent,
  SplitRow,
  TimelineEvent,
} from "./timeline-event.ts";

export interface Holding {
  readonly key: string;
  readonly accountId: string;
  /** The latest row seen for this instrument, to name an open position. */
  fields: InstrumentFields;
  position: Decimal;
  /** Null while flat, or while holding a position opened before the statement (rule 11). */
  trade: OpenTrade | null;
  /** Some of this position's history lies before the window: FIFO lots IB may match against. */
  preWindow: boolean;
  /** Dates an assignment or exercise delivered this instrument (TimelineContext.deliveries), or null. */
  readonly deliveryDates: ReadonlySet<string> | null;
}

/** One signed change of a position, from an execution or a synthetic option close. */
interface Fill {
  readonly accountId: string;
  readonly fields: InstrumentFields;
  readonly quantity: Decimal;
  readonly leg: LegSource;
  readonly commission: Decimal;
  readonly fifoPnlRealized: Decimal | null;
  readonly timeMs: number;
  /** Rule 11 without OpenPositions: a pure closing row (`C`) at position 0 has nothing to close. */
  readonly closeOnly: boolean;
  /** Reconciliation hints of the row, as reconcile-trade.ts's bits. */
  readonly hints: number;
  /** The date of a close at price 0 (rule 9: a cash-settled option's cash is booked that day), else null. */
  readonly zeroPriceDate: string | null;
}

const ASSIGNMENT = hintBit("assignment-premium-in-underlying");
const LOT_BEFORE_WINDOW = hintBit("lot-opened-before-window");
const SPLIT = hintBit("split-adjusted");
const COMMISSION_CURRENCY = hintBit("commission-currency");

export interface TimelineResult {
  /** In the order they closed, the time line's: closedAtMs never decreases. */
  readonly trades: RoundTrip[];
  /** trades[i]'s close time in ms since the epoch. */
  readonly closedAtMs: number[];
  readonly unmatched: UnmatchedExecution[];
  readonly holdings: ReadonlyMap<string, Holding>;
  readonly issues: Issue[];
}

export interface TimelineContext {
  readonly starts: StartPositions;
  readonly convertCommission: CommissionConverter;
  /**
   * Underlyings delivered by an assignment or exercise (OptionEAE rows): conid → account → dates. Nested
   * rather than keyed by a concatenation, so that no string is built per row.
   */
  readonly deliveries: ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<string>>>;
  /** Rule 9: Cash Settlement rows by settlementKey(instrument key, date). */
  readonly cashSettlements: ReadonlyMap<string, OptionEvent>;
}

export function runTimeline(timeline: readonly TimelineEvent[], ctx: TimelineContext): TimelineResult {
  const holdings = new Map<string, Holding>();
  const trades: RoundTrip[] = [];
  const closedAtMs: number[] = [];
  const unmatched: UnmatchedExecution[] = [];
  const issues: Issue[] = [];

  const holdingFor = (key: string, accountId: string, fields: InstrumentFields): Holding => {
    let h = holdings.get(key);
    if (h === undefined) {
      const start = ctx.starts.start.get(key) ?? ZERO;
      // A key with a conid names one account and conid: the deliveries of every row of it are the same.
      const deliveryDates =
        fields.conid === null ? null : (ctx.deliveries.get(fields.conid)?.get(accountId) ?? null);
      h = { key, accountId, fields, position: start, trade: null, preWindow: !start.isZero(), deliveryDates };
      holdings.set(key, h);
    }
    h.fields = fields;
    return h;
  };

  const unmatch = (f: Fill, quantity: Decimal, reason: string) =>
    unmatched.push({
      accountId: f.accountId,
      symbol: f.fields.symbol,
      conid: f.fields.conid,
      quantity,
      executionId: f.leg.executionId,
      time: f.leg.time,
      reason,
    });

  const open = (h: Holding, f: Fill, quantity: Decimal, commission: Decimal, fifo: Decimal | null) => {
    const t = startTrade(
      {
        accountId: f.accountId,
        symbol: f.fields.symbol,
        conid: f.fields.conid,
        assetClass: f.fields.assetClass,
        currency: f.fields.currency,
        time: f.leg.time,
        timeMs: f.timeMs,
      },
      quantity,
    );
    // An opening row that already realized FIFO P&L closed a lot IB holds from before the window.
    if (h.preWindow || (fifo !== null && !fifo.isZero())) t.hints |= LOT_BEFORE_WINDOW;
    h.trade = t;
    leg(t, f, quantity, commission, fifo, true, quantity);
    h.position = quantity;
  };

  const leg = (
    t: OpenTrade,
    f: Fill,
    quantity: Decimal,
    commission: Decimal,
    fifo: Decimal | null,
    opening: boolean,
    after: Decimal,
  ) => {
    t.hints |= f.hints;
    addLeg(t, f.leg, quantity, commission, fifo, opening, after);
  };

  const close = (h: Holding, t: OpenTrade, time: string, timeMs: number) => {
    trades.push(closeTrade(t, time, timeMs));
    closedAtMs.push(timeMs);
    h.trade = null;
  };

  /** A close that takes the position to 0; a cash-settled option's cash joins the trade first (rule 9). */
  const closeAtZero = (h: Holding, t: OpenTrade, f: Fill) => {
    const cash =
      f.zeroPriceDate === null ? undefined : ctx.cashSettlements.get(settlementKey(h.key, f.zeroPriceDate));
    if (cash !== undefined && !settleInCash(t, cash, f.leg)) {
      // Neither proceeds nor IB's P&L: the trade's value is unknown, so it is no trade at all.
      for (const l of t.legs) {
        unmatched.push({
          accountId: t.opening.accountId,
          symbol: t.opening.symbol,
          conid: t.opening.conid,
          quantity: l.quantity,
          executionId: l.executionId,
          time: l.time,
          reason: "cash-settlement-amount-missing",
        });
      }
      h.trade = null;
      return;
    }
    close(h, t, f.leg.time, f.timeMs);
  };

  const applyFill = (h: Holding, f: Fill) => {
    const q = f.quantity;
    const p = h.position;
    const t = h.trade;
    if (q.isZero()) {
      // A zero-quantity row (an adjustment) only carries its commission into an open trade.
      if (t !== null) leg(t, f, q, f.commission, f.fifoPnlRealized, false, p);
      return;
    }
    if (p.isZero()) {
      if (f.closeOnly && !ctx.starts.accountsWithPositions.has(f.accountId)) {
        unmatch(f, q, "closing-without-open");
        return;
      }
      open(h, f, q, f.commission, f.fifoPnlRealized);
      return;
    }
    const next = p.plus(q);
    const crosses = !next.isZero() && next.isPositive() !== p.isPositive();
    if (!crosses) {
      h.position = next;
      if (t === null) unmatch(f, q, "opened-before-window");
      else leg(t, f, q, f.commission, f.fifoPnlRealized, next.abs().gt(p.abs()), next);
      if (next.isZero() && t !== null) closeAtZero(h, t, f);
      return;
    }
    // Rule 7 flip: the part reaching 0 closes (and keeps the row's fifoPnlRealized, rule 12); the rest opens.
    // The closing share of the commission is rounded to COMMISSION_PLACES and the opening share is the
    // remainder: both stay finite decimals, so every later sum is exact and the shares add up to the row's.
    const closing = p.negated();
    const closingCommission = f.commission.times(closing).div(q).toDecimalPlaces(COMMISSION_PLACES);
    if (t === null) {
      h.preWindow = true;
      unmatch(f, closing, "opened-before-window");
    } else {
      leg(t, f, closing, closingCommission, f.fifoPnlRealized, false, ZERO);
      close(h, t, f.leg.time, f.timeMs);
    }
    open(h, f, next, f.commission.minus(closingCommission), null);
  };

  const onExecution = (ev: ExecutionEvent) => {
    const { exec, key, multiplier, id } = ev;
    const h = holdingFor(key, exec.accountId, exec);
    let hints = 0;
    let commission = exec.commission;
    if (exec.commissionCurrency !== null && exec.commissionCurrency !== exec.currency) {
      const c = ctx.convertCommission(
        exec.commission,
        exec.commissionCurrency,
        exec.currency,
        exec.tradeDate,
      );
      commission = c.amount;
      if (!c.converted) {
        hints = COMMISSION_CURRENCY;
        issues.push({
          code: "commission-currency",
          path: `Trade(transactionID=${exec.transactionId ?? "?"})`,
          message: `commission in ${exec.commissionCurrency} on a ${exec.currency} trade of ${exec.symbol} on ${exec.tradeDate}: no ConversionRates to convert it; taken as is`,
        });
      }
    }
    const delivered =
      exec.notes.includes("A") || exec.notes.includes("Ex") || h.deliveryDates?.has(exec.tradeDate) === true;
    if (delivered) hints |= ASSIGNMENT;
    // Rule 9: expiry, assignment and exercise close an option at price 0 (IB writes 0; we insist).
    const price = closesOptionAtZero(exec) ? ZERO : exec.price;
    applyFill(h, {
      accountId: exec.accountId,
      fields: exec,
      quantity: exec.quantity,
      commission,
      fifoPnlRealized: exec.fifoPnlRealized,
      timeMs: exec.timeMs,
      closeOnly: isCloseOnly(exec.openCloseIndicator),
      hints,
      zeroPriceDate: price.isZero() ? exec.tradeDate : null,
      leg: {
        executionId: id,
        time: exec.time,
        price,
        multiplier,
        fxRateToBase: exec.fxRateToBase ?? ONE,
        synthetic: null,
      },
    });
  };

  const onOptionClose = (ev: OptionCloseEvent) => {
    const h = holdingFor(ev.key, ev.event.accountId, holdings.get(ev.key)?.fields ?? ev.event);
    const p = h.position;
    if (p.isZero()) return;
    // Rule 9: toward 0 by the row's absolute quantity (its sign varies by IB version), at most the position.
    const size = ev.event.quantity.abs().lt(p.abs()) ? ev.event.quantity.abs() : p.abs();
    applyFill(h, {
      accountId: ev.event.accountId,
      fields: h.fields,
      quantity: p.isPositive() ? size.negated() : size,
      commission: ZERO,
      fifoPnlRealized: null,
      timeMs: ev.timeMs,
      closeOnly: false,
      hints: 0,
      zeroPriceDate: ev.event.date,
      leg: {
        executionId: null,
        time: ev.time,
        price: ZERO,
        multiplier: ev.multiplier,
        fxRateToBase: ONE,
        synthetic: ev.event.type,
      },
    });
  };

  const onSplit = (ev: SplitEvent) => {
    const olds = ev.rows.filter((r) => r.row.quantity.isNegative());
    const news = ev.rows.filter((r) => r.row.quantity.isPositive());
    const paired = new Set<SplitRow>();
    // Old line (…OLD, negative) and new line (positive) on another conid: the open trade moves across.
    for (let i = 0; i < Math.min(olds.length, news.length); i++) {
      const o = olds[i]!;
      const n = news[i]!;
      if (o.key === n.key) continue;
      paired.add(o).add(n);
      const ho = holdingFor(o.key, ev.accountId, o.row);
      const hn = holdingFor(n.key, ev.accountId, n.row);
      const moving = ho.trade;
      if (
        moving !== null &&
        ho.position.plus(o.row.quantity).isZero() &&
        hn.trade === null &&
        hn.position.isZero()
      ) {
        splitLeg(moving, ev, o, ZERO);
        ho.position = ZERO;
        ho.trade = null;
        hn.trade = moving;
        hn.position = n.row.quantity;
        splitLeg(moving, ev, n, hn.position);
      } else {
        applySplitRow(ho, ev, o);
        applySplitRow(hn, ev, n);
      }
    }
    // Rule 10: an action changes each position by its lines' quantity; lines of one instrument (e.g. −100
    // and +200 for a 2-for-1 split on the same conid) count together, never as a close followed by an open.
    const net = new Map<string, SplitRow>();
    for (const r of ev.rows) {
      if (paired.has(r)) continue;
      const prev = net.get(r.key);
      net.set(
        r.key,
        prev ? { ...prev, row: { ...prev.row, quantity: prev.row.quantity.plus(r.row.quantity) } } : r,
      );
    }
    for (const r of net.values()) {
      if (!r.row.quantity.isZero()) applySplitRow(holdingFor(r.key, ev.accountId, r.row), ev, r);
    }
  };

  const splitLeg = (t: OpenTrade, ev: SplitEvent, r: SplitRow, after: Decimal) => {
    t.hints |= SPLIT;
    const src = {
      executionId: null,
      time: r.row.time,
      price: ZERO,
      multiplier: r.multiplier,
      fxRateToBase: ONE,
      synthetic: ev.type,
    };
    addLeg(t, src, r.row.quantity, ZERO, null, false, after);
  };

  /** Rule 10: a plain split changes the position, no cash; without an open trade it is pre-window (rule 11). */
  const applySplitRow = (h: Holding, ev: SplitEvent, r: SplitRow) => {
    const p = h.position;
    const next = p.plus(r.row.quantity);
    const t = h.trade;
    if (t === null) {
      h.position = next;
      if (!next.isZero()) h.preWindow = true;
      return;
    }
    const crosses = next.isZero() || next.isPositive() !== p.isPositive();
    if (!crosses) {
      splitLeg(t, ev, r, next);
      h.position = next;
      return;
    }
    // A split alone cannot end a trade in IB's books; if the rows we have do take it to 0 (or past it), the
    // round trip ends at the action and anything beyond 0 is held like a pre-window position.
    splitLeg(t, ev, { ...r, row: { ...r.row, quantity: p.negated() } }, ZERO);
    close(h, t, r.row.time, r.row.timeMs);
    h.position = next;
    if (!next.isZero()) h.preWindow = true;
  };

  for (let i = 0; i < timeline.length; i++) {
    const ev = timeline[i]!;
    if (ev.kind === "execution") onExecution(ev);
    else if (ev.kind === "option-close") onOptionClose(ev);
    else onSplit(ev);
  }
  return { trades, closedAtMs, unmatched, holdings, issues };
}
