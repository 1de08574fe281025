// Test helper: small Flex statements with the account-performance sections (NAV, cash, Change in NAV).
import { mergeFlexData, nextFlexParserOptions } from "../flex/merge-flex-data.ts";
import { parseFlex } from "../flex/parse-flex.ts";
import { type AttrMap, element, flexXml, statementXml } from "../flex/testing/build-flex-xml.ts";
import type { FlexData } from "../types.ts";

/** `EquitySummaryInBase` with one row per [reportDate, total]. */
export function navXml(accountId: string, days: readonly (readonly [string, string])[]): string {
  const rows = days.map(([reportDate, total]) =>
    element("EquitySummaryByReportDateInBase", { accountId, reportDate, cash: total, total }),
  );
  return `<EquitySummaryInBase>${rows.join("")}</EquitySummaryInBase>`;
}

export const CASH_DEFAULTS: AttrMap = {
  accountId: "U1",
  currency: "USD",
  fxRateToBase: "1",
  description: "CASH RECEIPTS / ELECTRONIC FUND TRANSFERS",
  levelOfDetail: "DETAIL",
};

/** One CashTransaction row; `attrs` must give at least type, amount and reportDate (or dateTime). */
export function cashRow(attrs: AttrMap): string {
  return element("CashTransaction", { ...CASH_DEFAULTS, ...attrs });
}

export function cashXml(...rows: string[]): string {
  return `<CashTransactions>${rows.join("")}</CashTransactions>`;
}

/** IB's single ChangeInNAV element (its data in its own attributes). */
export function changeInNavXml(accountId: string, fromDate: string, toDate: string, twr: string): string {
  return element("ChangeInNAV", { accountId, fromDate, toDate, startingValue: "0", endingValue: "0", twr });
}

/** A statement of `accountId` with AccountInformation and the given sections. */
export function accountStatement(
  accountId: string,
  body: string,
  overrides: AttrMap = {},
  currency = "USD",
): string {
  return statementXml(`${element("AccountInformation", { accountId, currency })}${body}`, {
    accountId,
    ...overrides,
  });
}

/** Several files, one history: parsed in turn with unique statement indexes, then merged (like the CLI). */
export function parseFiles(...files: string[][]): FlexData {
  const parts: FlexData[] = [];
  for (const statements of files)
    parts.push(parseFlex(flexXml(...statements), nextFlexParserOptions(mergeFlexData(parts))));
  return mergeFlexData(parts);
}
