import { roundUnits } from "./format-fixed.ts";

interface Lot {
  quantity: number;
  /** The cash flow that opened the lot (commission included), fixed units; negative for a long lot. */
  cash: number;
}

export interface FifoResult {
  /** IB's fifoPnlRealized for the row: cash of the closing part + cash of the lots it closed. */
  readonly realized: number;
  readonly closedQuantity: number;
  readonly positionBefore: number;
  readonly positionAfter: number;
}

/**
 * FIFO lots of one instrument. Realized P&L is the sum of matched cash flows, which gives IB's number for
 * longs and shorts alike. Partial matches take a rounded pro-rata share and leave the exact remainder, so
 * a closed round trip's realized total equals the sum of its cash flows to the unit.
 */
export class FifoBook {
  private lots: Lot[] = [];
  position = 0;

  apply(quantity: number, cash: number): FifoResult {
    const positionBefore = this.position;
    if (quantity === 0)
      return { realized: 0, closedQuantity: 0, positionBefore, positionAfter: positionBefore };
    if (this.position === 0 || Math.sign(this.position) === Math.sign(quantity)) {
      this.lots.push({ quantity, cash });
      this.position += quantity;
      return { realized: 0, closedQuantity: 0, positionBefore, positionAfter: this.position };
    }
    const closedQuantity = Math.min(Math.abs(quantity), Math.abs(this.position));
    const closingCash =
      closedQuantity === Math.abs(quantity) ? cash : roundUnits((cash * closedQuantity) / Math.abs(quantity));
    let realized = closingCash;
    let remaining = closedQuantity;
    while (remaining > 0) {
      const lot = this.lots[0];
      if (!lot) throw new Error("FIFO book out of lots");
      const lotSize = Math.abs(lot.quantity);
      if (lotSize <= remaining) {
        realized += lot.cash;
        remaining -= lotSize;
        this.lots.shift();
      } else {
        const share = roundUnits((lot.cash * remaining) / lotSize);
        realized += share;
        lot.cash -= share;
        lot.quantity -= Math.sign(lot.quantity) * remaining;
        remaining = 0;
      }
    }
    this.position += quantity;
    const opened = Math.abs(quantity) - closedQuantity;
    if (opened > 0) this.lots.push({ quantity: Math.sign(quantity) * opened, cash: cash - closingCash });
    return { realized, closedQuantity, positionBefore, positionAfter: this.position };
  }

  /** Forward split: more shares, same cost. */
  split(ratio: number): number {
    const added = this.position * (ratio - 1);
    for (const lot of this.lots) lot.quantity *= ratio;
    this.position *= ratio;
    return added;
  }

  /** Cost basis (IB's costBasisMoney: positive for longs), fixed units. */
  costBasis(): number {
    let total = 0;
    for (const lot of this.lots) total -= lot.cash;
    return total;
  }
}
