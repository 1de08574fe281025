// How the web app names an instrument: an OCC option symbol ("AAPL  261218P00190000") in words
// ("AAPL 190 Put · 18 Dec 26"); any other symbol as IB wrote it. Every place that shows a symbol calls this.
const OCC = /^(.{1,6}?) *(\d{2})(\d{2})(\d{2})([CP])(\d{5})(\d{3})$/;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function describeSymbol(symbol: string): string {
  const m = OCC.exec(symbol);
  if (!m) return symbol;
  const [, root, yy, mm, dd, right, whole, thousandths] = m as unknown as string[];
  const month = MONTHS[Number(mm) - 1];
  if (!root || !month) return symbol;
  // The strike is text: whole dollars without leading zeros, then the fraction without trailing zeros.
  const fraction = thousandths!.replace(/0+$/, "");
  const strike = `${String(Number(whole))}${fraction ? `.${fraction}` : ""}`;
  return `${root.trim()} ${strike} ${right === "P" ? "Put" : "Call"} · ${Number(dd)} ${month} ${yy}`;
}
