// The account-performance sections as IB writes them: ChangeInNAV (with its `twr`), the daily
// EquitySummaryByReportDateInBase rows ("Net Asset Value (NAV) in Base") and CashTransactions.
import type { AccountLedger } from "./account-ledger.ts";
import { escapeXml } from "./escape-xml.ts";
import type { RowRenderer } from "./render-rows.ts";
import type { CalendarDay } from "./trading-calendar.ts";

/** IB prints `twr` with 9 decimals. */
const TWR_PLACES = 9;

export function renderAccountSections(
  ledger: AccountLedger,
  accountId: string,
  r: RowRenderer,
  window: { readonly from: CalendarDay; readonly to: CalendarDay; readonly baseCurrency: string },
  include: (section: string) => boolean,
): string {
  const account = `accountId="${escapeXml(accountId)}" acctAlias="" model=""`;
  let out = "";
  if (include("ChangeInNAV")) {
    const sum = (type: string) =>
      ledger.cashRows
        .filter((c) => c.type === type)
        .reduce((total, c) => total + Number(c.amount) * Number(c.fxRateToBase), 0)
        .toFixed(2);
    out +=
      `<ChangeInNAV ${account} fromDate="${r.date(window.from)}" toDate="${r.date(window.to)}" ` +
      `startingValue="${ledger.startingNav}" depositsWithdrawals="${sum("Deposits/Withdrawals")}" ` +
      `dividends="${sum("Dividends")}" withholdingTax="${sum("Withholding Tax")}" otherFees="${sum("Other Fees")}" ` +
      `endingValue="${ledger.endingNav}" twr="${ledger.twrPct.toFixed(TWR_PLACES)}" />\n`;
  }
  if (include("EquitySummaryInBase")) {
    out += "<EquitySummaryInBase>\n";
    for (const d of ledger.navDays) {
      out +=
        `<EquitySummaryByReportDateInBase ${account} currency="${window.baseCurrency}" reportDate="${r.date(d.day)}" ` +
        `cash="${d.cash}" total="${d.total}" />\n`;
    }
    out += "</EquitySummaryInBase>\n";
  }
  if (include("CashTransactions")) {
    out += "<CashTransactions>\n";
    for (const c of ledger.cashRows) {
      const date = r.date(c.day);
      out +=
        `<CashTransaction ${account} currency="${c.currency}" fxRateToBase="${c.fxRateToBase}" assetCategory="" symbol="" ` +
        `description="${escapeXml(c.description)}" dateTime="${date}" settleDate="${date}" amount="${c.amount}" ` +
        `type="${escapeXml(c.type)}" tradeID="" code="" transactionID="${c.transactionId}" reportDate="${date}" ` +
        `levelOfDetail="DETAIL" />\n`;
    }
    out += "</CashTransactions>\n";
  }
  return out;
}
