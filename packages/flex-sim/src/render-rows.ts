import { escapeXml } from "./escape-xml.ts";
import type { CorporateActionRow, ExecutionRow, OptionEaeRow } from "./execution-row.ts";
import { formatFixed } from "./format-fixed.ts";
import type { Instrument } from "./instrument-catalogue.ts";
import { type CalendarDay, type DateFormat, formatDate, formatDateTime } from "./trading-calendar.ts";

/** Renders Flex rows for one account; caches each instrument's constant attributes, the bulk of a row. */
export class RowRenderer {
  private readonly fragments = new Map<Instrument, string>();
  private readonly prefix: string;

  constructor(
    accountId: string,
    private readonly format: DateFormat,
  ) {
    this.prefix = `accountId="${escapeXml(accountId)}" acctAlias="" model=""`;
  }

  date(day: CalendarDay): string {
    return formatDate(day, this.format);
  }

  /** The instrument attributes IB repeats on every row (SecuritiesInfo carries the same set). */
  instrument(instrument: Instrument): string {
    let fragment = this.fragments.get(instrument);
    if (fragment === undefined) {
      fragment =
        `currency="${instrument.currency}" assetCategory="${instrument.assetCategory}" symbol="${escapeXml(instrument.symbol)}" ` +
        `description="${escapeXml(instrument.description)}" conid="${instrument.conid}" isin="${instrument.isin}" ` +
        `listingExchange="${instrument.listingExchange}" underlyingConid="${instrument.underlyingConid}" ` +
        `underlyingSymbol="${escapeXml(instrument.underlyingSymbol)}" multiplier="${instrument.multiplier}" ` +
        `strike="${instrument.strike === null ? "" : formatFixed(instrument.strike)}" ` +
        `expiry="${instrument.expiry ? this.date(instrument.expiry) : ""}" putCall="${instrument.putCall ?? ""}"`;
      this.fragments.set(instrument, fragment);
    }
    return fragment;
  }

  trade(row: ExecutionRow): string {
    const money = row.quantity * row.price * row.instrument.multiplier;
    const date = this.date(row.day);
    return (
      `<Trade ${this.prefix} ${this.instrument(row.instrument)} fxRateToBase="${row.fxRateToBase}" ` +
      `tradeID="${row.tradeId}" dateTime="${formatDateTime(row.day, row.seconds, this.format)}" tradeDate="${date}" ` +
      `transactionType="${row.transactionType}" exchange="${row.exchange}" quantity="${row.quantity}" ` +
      `tradePrice="${formatFixed(row.price)}" tradeMoney="${formatFixed(money)}" proceeds="${formatFixed(-money)}" ` +
      `ibCommission="${formatFixed(row.commission)}" ibCommissionCurrency="${row.commissionCurrency}" ` +
      `netCash="${formatFixed(-money + row.commission)}" openCloseIndicator="${row.openClose}" notes="${row.notes}" ` +
      `fifoPnlRealized="${formatFixed(row.fifoPnlRealized)}" origTradeID="${row.origTradeId}" ` +
      `transactionID="${row.transactionId}" buySell="${row.buySell}" ibExecID="${row.ibExecId}" ` +
      `levelOfDetail="EXECUTION" />\n`
    );
  }

  optionEae(row: OptionEaeRow): string {
    const proceeds = -row.quantity * row.tradePrice * row.instrument.multiplier;
    return (
      `<OptionEAE ${this.prefix} ${this.instrument(row.instrument)} fxRateToBase="${row.fxRateToBase}" ` +
      `date="${this.date(row.day)}" transactionType="${row.transactionType}" quantity="${row.quantity}" ` +
      `tradePrice="${formatFixed(row.tradePrice)}" markPrice="${formatFixed(row.markPrice)}" ` +
      `proceeds="${formatFixed(proceeds)}" commisionsAndTax="0" realizedPnl="${formatFixed(row.realizedPnl)}" ` +
      `tradeID="${row.tradeId}" />\n`
    );
  }

  corporateAction(row: CorporateActionRow): string {
    const i = row.instrument;
    const text = escapeXml(
      `${i.symbol}(${i.isin}) SPLIT ${row.ratio} FOR 1 (${i.symbol}, ${i.description}, ${i.isin})`,
    );
    return (
      `<CorporateAction ${this.prefix} ${this.instrument(i)} fxRateToBase="${row.fxRateToBase}" ` +
      `reportDate="${this.date(row.reportDay)}" dateTime="${formatDateTime(row.day, row.seconds, this.format)}" ` +
      `description="${text}" actionDescription="${text}" amount="0" proceeds="0" value="0" quantity="${row.quantity}" ` +
      `fifoPnlRealized="0" mtmPnl="0" code="" type="FS" transactionID="${row.transactionId}" levelOfDetail="DETAIL" />\n`
    ).replace(/ description="[^"]*" conid=/, " conid=");
  }

  securityInfo(instrument: Instrument): string {
    return `<SecurityInfo ${this.instrument(instrument)} />\n`;
  }

  openPosition(instrument: Instrument, fields: OpenPositionFields): string {
    const value = fields.position * fields.markPrice * instrument.multiplier;
    const costPrice = Math.round(fields.costBasis / (fields.position * instrument.multiplier));
    return (
      `<OpenPosition ${this.prefix} ${this.instrument(instrument)} fxRateToBase="${fields.fxRateToBase}" ` +
      `reportDate="${this.date(fields.reportDay)}" position="${fields.position}" markPrice="${formatFixed(fields.markPrice)}" ` +
      `positionValue="${formatFixed(value)}" openPrice="${formatFixed(costPrice)}" costBasisPrice="${formatFixed(costPrice)}" ` +
      `costBasisMoney="${formatFixed(fields.costBasis)}" fifoPnlUnrealized="${formatFixed(value - fields.costBasis)}" ` +
      `side="${fields.position > 0 ? "Long" : "Short"}" levelOfDetail="SUMMARY" />\n`
    );
  }
}

export interface OpenPositionFields {
  readonly position: number;
  readonly markPrice: number;
  readonly costBasis: number;
  readonly fxRateToBase: string;
  readonly reportDay: CalendarDay;
}
