// A leg as the builder makes it: its cash flow is kept as the integer units leg-amounts.ts computed and becomes
// a Decimal only when something reads it. The statistics and `closeout report` never do, and one Decimal per
// leg (three heap objects, 100k of them kept to the end of a build) was a tenth of building and reporting a
// 100k-execution history (ADR 0008, fourth pass).
import { fromUnits } from "../decimal-units.ts";
import type { Decimal } from "../money.ts";
import type { TradeLeg } from "../report-types.ts";
import type { LegSource } from "./open-trade.ts";

export class BuiltLeg implements TradeLeg {
  readonly executionId: string | null;
  readonly time: string;
  readonly quantity: Decimal;
  readonly price: Decimal;
  readonly multiplier: Decimal;
  readonly commission: Decimal;
  readonly fxRateToBase: Decimal;
  readonly opening: boolean;
  readonly synthetic: string | null;
  /** The cash flow once built (or given); until then it is cashUnits × 10^-cashScale. */
  private cash: Decimal | null;
  private readonly cashUnits: number;
  private readonly cashScale: number;

  /** `cash` the cash flow, or null when it is `units` × 10^-`scale` (a safe integer, scale ≥ 0). */
  constructor(
    src: LegSource,
    quantity: Decimal,
    commission: Decimal,
    opening: boolean,
    cash: Decimal | null,
    units: number,
    scale: number,
  ) {
    this.executionId = src.executionId;
    this.time = src.time;
    this.quantity = quantity;
    this.price = src.price;
    this.multiplier = src.multiplier;
    this.commission = commission;
    this.fxRateToBase = src.fxRateToBase;
    this.opening = opening;
    this.synthetic = src.synthetic;
    this.cash = cash;
    this.cashUnits = units;
    this.cashScale = scale;
  }

  /** −quantity × price × multiplier + commission; the same instance on every read. */
  get cashFlow(): Decimal {
    this.cash ??= fromUnits(this.cashUnits, this.cashScale);
    return this.cash;
  }

  /**
   * The leg as a plain object with every TradeLeg field, cashFlow included: JSON.stringify and code that copies
   * a leg field by field see what a plain leg would give. (A spread `{ ...leg }` would not: it copies own
   * fields only, so take toJSON() to copy a leg.)
   */
  toJSON(): TradeLeg {
    return {
      executionId: this.executionId,
      time: this.time,
      quantity: this.quantity,
      price: this.price,
      multiplier: this.multiplier,
      commission: this.commission,
      cashFlow: this.cashFlow,
      fxRateToBase: this.fxRateToBase,
      opening: this.opening,
      synthetic: this.synthetic,
    };
  }
}
