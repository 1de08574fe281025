// Small Flex documents with the account-performance sections (cash, daily NAV, ChangeInNAV) for server tests.
type Attrs = Readonly<Record<string, string>>;

const el = (name: string, attrs: Attrs, body?: string) => {
  const a = Object.entries(attrs)
    .map(([k, v]) => `${k}="${v.replaceAll("&", "&amp;").replaceAll('"', "&quot;")}"`)
    .join(" ");
  return body === undefined ? `<${name} ${a} />` : `<${name} ${a}>${body}</${name}>`;
};

export interface CashRowSpec {
  readonly type: string;
  readonly amount: string;
  /** yyyyMMdd */
  readonly reportDate: string;
  /** Absent: the row has no transactionID. */
  readonly transactionID?: string;
  readonly fxRateToBase?: string;
  readonly currency?: string;
}

export interface AccountSectionSpec {
  readonly accountId: string;
  /** yyyyMMdd */
  readonly fromDate: string;
  readonly toDate: string;
  readonly cash?: readonly CashRowSpec[];
  /** [reportDate yyyyMMdd, total] */
  readonly nav?: readonly (readonly [string, string])[];
  readonly twr?: string;
}

export function accountSectionsStatement(s: AccountSectionSpec): string {
  const cash = (s.cash ?? []).map((c) =>
    el("CashTransaction", {
      accountId: s.accountId,
      currency: c.currency ?? "USD",
      fxRateToBase: c.fxRateToBase ?? "1",
      description: `${c.type} ${c.amount}`,
      levelOfDetail: "DETAIL",
      type: c.type,
      amount: c.amount,
      reportDate: c.reportDate,
      ...(c.transactionID === undefined ? {} : { transactionID: c.transactionID }),
    }),
  );
  const nav = (s.nav ?? []).map(([reportDate, total]) =>
    el("EquitySummaryByReportDateInBase", { accountId: s.accountId, reportDate, cash: total, total }),
  );
  const change =
    s.twr === undefined
      ? ""
      : el("ChangeInNAV", {
          accountId: s.accountId,
          fromDate: s.fromDate,
          toDate: s.toDate,
          startingValue: s.nav?.[0]?.[1] ?? "0",
          endingValue: s.nav?.at(-1)?.[1] ?? "0",
          twr: s.twr,
        });
  const body = [
    el("AccountInformation", { accountId: s.accountId, currency: "USD" }),
    change,
    `<CashTransactions>${cash.join("")}</CashTransactions>`,
    `<EquitySummaryInBase>${nav.join("")}</EquitySummaryInBase>`,
  ].join("\n");
  return el(
    "FlexStatement",
    {
      accountId: s.accountId,
      fromDate: s.fromDate,
      toDate: s.toDate,
      period: "Custom",
      whenGenerated: `${s.toDate};083000`,
    },
    `\n${body}\n`,
  );
}

export function flexDocument(...statements: string[]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<FlexQueryResponse queryName="test" type="AF">\n<FlexStatements count="${statements.length}">\n` +
    `${statements.join("\n")}\n</FlexStatements>\n</FlexQueryResponse>\n`
  );
}
