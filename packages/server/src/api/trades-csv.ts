// The columns of GET /api/trades.csv and how a cell is written (quoted, safe from formula injection).
export const CSV_COLUMNS = [
  "id",
  "accountId",
  "symbol",
  "conid",
  "assetClass",
  "side",
  "openedAt",
  "closedAt",
  "openedAtExchange",
  "closedAtExchange",
  "holdingSeconds",
  "quantity",
  "currency",
  "realizedPnl",
  "fees",
  "realizedPnlBase",
  "returnPct",
  "brokerPnl",
  "reconciliation",
  "tags",
  "r",
] as const;

export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let s = String(value);
  // Spreadsheet formula injection: a text cell must not start with = + - @ (numbers keep their sign).
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
