// Human-readable `closeout returns`: one short block per account with IB's figure beside ours. The numbers
// are those of --json; money is shown to 2 places, returns compared with IB's in full, the others to 2.
import { Decimal, type ReturnsJson } from "@closeout/core";

export function formatReturns(json: ReturnsJson): string {
  const lines: string[] = [];
  if (json.accounts.length === 0) {
    lines.push(
      'No NAV rows: add the section "Net Asset Value (NAV) in Base" to the Flex query (see check-query).',
    );
  }
  for (const a of json.accounts) {
    const ccy = a.baseCurrency ?? "";
    if (lines.length > 0) lines.push("");
    lines.push(
      `Account ${a.accountId} (${ccy || "base currency unknown"})  ${a.from ?? "—"} to ${a.to ?? "—"}`,
    );
    const rows: [string, string][] = [
      ["NAV", `${money(a.startingNav)} → ${money(a.endingNav)} ${ccy}`],
      ["Deposits", `${money(a.deposits)}    withdrawals ${money(a.withdrawals)}`],
      ["Dividends", `${money(a.dividends)}    withholding tax ${money(a.withholdingTax)}`],
      [
        "Interest",
        `${money(a.interest)}    fees ${money(a.fees)}    commission adj. ${money(a.commissionAdjustments)}`,
      ],
      ["TWR", full(a.twrPct)],
      ["Money-weighted", `${pct(a.mwrPct)}    IRR ${pct(a.irrPct)} a year`],
      ["Max drawdown", pct(a.maxDrawdownPct)],
      ["IB's twr", reconciliation(a.reconciliation)],
    ];
    for (const [label, value] of rows) lines.push(`  ${label.padEnd(15)} ${value}`);
  }
  if (json.issues.length > 0) {
    lines.push("", `Issues (${json.issues.length}):`);
    for (const i of json.issues.slice(0, 20)) lines.push(`  ${i.code}: ${i.message}`);
    if (json.issues.length > 20) lines.push(`  … and ${json.issues.length - 20} more (use --json)`);
  }
  return lines.join("\n");
}

function reconciliation(r: ReturnsJson["accounts"][number]["reconciliation"]): string {
  if (r.status === "unavailable") return "unavailable (no Change in NAV row, or no NAV day before its start)";
  return `${full(r.brokerTwrPct)} over ${r.fromDate} to ${r.toDate}; ours ${full(r.twrPct)}: ${r.status}`;
}

function money(value: string | null): string {
  if (value === null) return "—";
  // Rounded as a decimal (never through a float), then grouped by thousands for reading.
  const [int = "0", frac = "00"] = new Decimal(value).toFixed(2).split(".");
  const sign = int.startsWith("-") ? "-" : "";
  const digits = sign ? int.slice(1) : int;
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${frac}`;
}

function pct(value: string | null): string {
  return value === null ? "—" : `${new Decimal(value).toFixed(2)}%`;
}

/** As printed in --json: IB's 9 places, so the two figures can be compared digit by digit. */
function full(value: string | null): string {
  return value === null ? "—" : `${value}%`;
}
