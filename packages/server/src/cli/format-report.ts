// Human-readable `closeout report`: a summary block, then one line per trade. Numbers come from the same
// Report as --json; only their presentation differs (money to 2 places, ratios to 2).
import { Decimal, type Report, reportToJson } from "@closeout/core";

export function formatReport(report: Report): string {
  const json = reportToJson(report);
  const s = json.summary;
  const ccy = s.baseCurrency ?? "";
  const lines: string[] = [];
  lines.push(
    `Accounts: ${json.accounts.map((a) => `${a.accountId} (${a.baseCurrency ?? "base currency unknown"})`).join(", ") || "none"}`,
  );
  lines.push("");
  lines.push(`Closed trades   ${s.trades}   (${s.wins} wins, ${s.losses} losses, ${s.scratches} scratches)`);
  lines.push(`Net P&L         ${fmt(s.netPnlBase)} ${ccy}`);
  lines.push(`Win rate        ${pct(s.winRate)}`);
  lines.push(`Profit factor   ${fmt(s.profitFactor)}`);
  lines.push(`Expectancy      ${fmt(s.expectancyBase)} ${ccy} per trade`);
  lines.push(`Average win     ${fmt(s.avgWinBase)}    average loss ${fmt(s.avgLossBase)}`);
  lines.push(`Largest win     ${fmt(s.largestWinBase)}    largest loss ${fmt(s.largestLossBase)}`);
  lines.push(`Average return  ${pct(s.avgReturnPct)}`);
  lines.push(`Max drawdown    ${fmt(s.maxDrawdownBase)} ${ccy}`);
  if (json.trades.length > 0) {
    lines.push("");
    const rows = json.trades.map((t) => [
      t.closedAt.slice(0, 16).replace("T", " "),
      t.accountId,
      t.symbol,
      t.assetClass,
      t.side,
      t.quantity,
      `${fmt(t.realizedPnl)} ${t.currency}`,
      pct(t.returnPct),
      t.reconciliation.status,
    ]);
    lines.push(
      ...table(["closed (UTC)", "account", "symbol", "class", "side", "qty", "P&L", "return", "vs IB"], rows),
    );
  }
  if (json.openPositions.length > 0) {
    lines.push("", "Open positions:");
    for (const p of json.openPositions) lines.push(`  ${p.accountId} ${p.symbol} ${p.quantity}`);
  }
  if (json.unmatched.length > 0) {
    lines.push(
      "",
      `Unmatched executions: ${json.unmatched.length} (e.g. closing a position opened before the statement)`,
    );
  }
  if (json.issues.length > 0) {
    lines.push("", `Issues (${json.issues.length}):`);
    for (const i of json.issues.slice(0, 20)) lines.push(`  ${i.code}: ${i.message}`);
    if (json.issues.length > 20) lines.push(`  … and ${json.issues.length - 20} more (use --json)`);
  }
  return lines.join("\n");
}

function fmt(value: string | null): string {
  if (value === null) return "—";
  // Rounded as a decimal (never through a float), then grouped by thousands for reading.
  const [int = "0", frac = "00"] = new Decimal(value).toFixed(2).split(".");
  const sign = int.startsWith("-") ? "-" : "";
  const digits = sign ? int.slice(1) : int;
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${frac}`;
}

function pct(value: string | null): string {
  return value === null ? "—" : `${fmt(value)}%`;
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}
