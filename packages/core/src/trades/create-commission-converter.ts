// Rule 8: IB may charge the commission in another currency than the instrument's (e.g. a USD commission on a
// EUR stock). It is converted through the statement's ConversionRates of the trade date; without a usable rate
// it is taken as is and flagged.
import type { Decimal } from "../money.ts";
import type { ConversionRate } from "../types.ts";

/** Decimal places kept of a converted or pro-rata commission: far below a cent, and sums stay exact (ADR 0003). */
export const COMMISSION_PLACES = 10;

export interface ConvertedCommission {
  readonly amount: Decimal;
  /** False when the commission was in another currency and no rate path was found. */
  readonly converted: boolean;
}

export type CommissionConverter = (
  commission: Decimal,
  commissionCurrency: string | null,
  tradeCurrency: string,
  date: string,
) => ConvertedCommission;

export function createCommissionConverter(rates: readonly ConversionRate[]): CommissionConverter {
  const direct = new Map<string, Decimal>();
  const fromCurrency = new Map<string, { to: string; rate: Decimal }[]>();
  for (const r of rates) {
    if (r.rate.isZero()) continue;
    const k = `${r.reportDate}|${r.fromCurrency}|${r.toCurrency}`;
    if (direct.has(k)) continue;
    direct.set(k, r.rate);
    const fk = `${r.reportDate}|${r.fromCurrency}`;
    const list = fromCurrency.get(fk);
    if (list === undefined) fromCurrency.set(fk, [{ to: r.toCurrency, rate: r.rate }]);
    else list.push({ to: r.toCurrency, rate: r.rate });
  }

  /** Units of `to` per unit of `from` on `date`: direct, inverse, or through a common currency (the base). */
  const rateOf = (from: string, to: string, date: string): Decimal | null => {
    const d = direct.get(`${date}|${from}|${to}`);
    if (d !== undefined) return d;
    const inv = direct.get(`${date}|${to}|${from}`);
    if (inv !== undefined) return inv.pow(-1);
    for (const { to: via, rate } of fromCurrency.get(`${date}|${from}`) ?? []) {
      const other = direct.get(`${date}|${to}|${via}`);
      if (other !== undefined) return rate.div(other);
    }
    return null;
  };

  return (commission, commissionCurrency, tradeCurrency, date) => {
    if (commissionCurrency === null || commissionCurrency === tradeCurrency || commission.isZero()) {
      return { amount: commission, converted: true };
    }
    const rate = rateOf(commissionCurrency, tradeCurrency, date);
    if (rate === null) return { amount: commission, converted: false };
    // Rounded like split commissions so sums over legs stay exact; an inverse rate never terminates.
    return { amount: commission.times(rate).toDecimalPlaces(COMMISSION_PLACES), converted: true };
  };
}
