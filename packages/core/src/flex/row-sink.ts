// Routes each row element of a FlexStatement section to its normaliser; unknown sections and rows are ignored.

import { normalizeCashTransaction } from "../returns/flex/normalize-cash-transaction.ts";
import { normalizeChangeInNav } from "../returns/flex/normalize-change-in-nav.ts";
import { normalizeNavRow } from "../returns/flex/normalize-nav-row.ts";
import type {
  CashTransaction,
  ChangeInNavRow,
  ConversionRate,
  CorporateAction,
  Execution,
  NavRow,
  OpenPositionRow,
  OptionEvent,
  SecurityInfo,
  TransferRow,
} from "../types.ts";
import { normalizeConversionRate } from "./normalize-conversion-rate.ts";
import { normalizeCorporateAction } from "./normalize-corporate-action.ts";
import { normalizeOpenPosition } from "./normalize-open-position.ts";
import { normalizeOptionEae } from "./normalize-option-eae.ts";
import { normalizeSecurityInfo } from "./normalize-security-info.ts";
import { normalizeTrade } from "./normalize-trade.ts";
import { normalizeTransfer } from "./normalize-transfer.ts";
import type { Attrs } from "./read-attr.ts";
import type { RowContext } from "./row-context.ts";

export class RowSink {
  readonly executions: Execution[] = [];
  readonly optionEvents: OptionEvent[] = [];
  readonly corporateActions: CorporateAction[] = [];
  readonly openPositions: OpenPositionRow[] = [];
  readonly securities: SecurityInfo[] = [];
  readonly conversionRates: ConversionRate[] = [];
  readonly transfers: TransferRow[] = [];
  readonly cashTransactions: CashTransaction[] = [];
  readonly navRows: NavRow[] = [];
  readonly changesInNav: ChangeInNavRow[] = [];
  /** Rows seen per element name in the current section, for issue paths like `Trades.Trade[7]`. */
  private readonly counts = new Map<string, number>();

  constructor(private readonly ctx: RowContext) {}

  /** `a`: the section element's own attributes (ChangeInNAV keeps its data there). */
  section(name: string, a?: Attrs): void {
    this.ctx.section = name;
    this.ctx.rowIndex = -1;
    this.counts.clear();
    if (name === "ChangeInNAV" && a !== undefined) push(this.changesInNav, normalizeChangeInNav(a, this.ctx));
  }

  row(name: string, a: Attrs): void {
    const ctx = this.ctx;
    const index = this.counts.get(name) ?? 0;
    this.counts.set(name, index + 1);
    ctx.rowName = name;
    ctx.rowIndex = index;
    switch (ctx.section) {
      case "Trades":
        if (name === "Trade") push(this.executions, normalizeTrade(a, ctx));
        break;
      case "OpenPositions":
        if (name === "OpenPosition") push(this.openPositions, normalizeOpenPosition(a, ctx));
        break;
      case "OptionEAE":
        if (name === "OptionEAE") push(this.optionEvents, normalizeOptionEae(a, ctx));
        break;
      case "CorporateActions":
        if (name === "CorporateAction") push(this.corporateActions, normalizeCorporateAction(a, ctx));
        break;
      case "SecuritiesInfo":
        if (name === "SecurityInfo") push(this.securities, normalizeSecurityInfo(a, ctx));
        break;
      case "TradeTransfers":
        if (name === "TradeTransfer") push(this.transfers, normalizeTransfer(a, ctx, "TradeTransfer"));
        break;
      case "Transfers":
        if (name === "Transfer") push(this.transfers, normalizeTransfer(a, ctx, "Transfer"));
        break;
      case "ConversionRates":
        if (name === "ConversionRate") push(this.conversionRates, normalizeConversionRate(a, ctx));
        break;
      case "CashTransactions":
        if (name === "CashTransaction") push(this.cashTransactions, normalizeCashTransaction(a, ctx));
        break;
      case "EquitySummaryInBase":
        if (name === "EquitySummaryByReportDateInBase") push(this.navRows, normalizeNavRow(a, ctx));
        break;
      case "ChangeInNAV":
        if (name === "ChangeInNAV") push(this.changesInNav, normalizeChangeInNav(a, ctx));
        break;
    }
  }
}

function push<T>(list: T[], item: T | null): void {
  if (item !== null) list.push(item);
}
