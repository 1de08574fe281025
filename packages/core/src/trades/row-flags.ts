// What an execution row's notes and open/close indicator say, read without allocating (once per row).

const OPTION_CLASSES = new Set(["OPT", "FOP", "FSFOP"]);

/** An option row booked by an expiry (Ep), assignment (A) or exercise (Ex); the delivered underlying is not. */
export function closesOptionAtZero(exec: {
  readonly assetClass: string;
  readonly notes: readonly string[];
}): boolean {
  // Spelled out rather than CODES.some((c) => …): that closure was allocated for every option row.
  const notes = exec.notes;
  return (
    notes.length > 0 &&
    OPTION_CLASSES.has(exec.assetClass) &&
    (notes.includes("Ep") || notes.includes("A") || notes.includes("Ex"))
  );
}

/** `C` alone (not `C;O`, not `O`): the row only closes. */
export function isCloseOnly(indicator: string | null): boolean {
  if (indicator === null) return false;
  // The three spellings IB writes, without splitting a string per row.
  if (indicator === "C") return true;
  if (indicator === "O" || indicator === "C;O") return false;
  const parts = indicator
    .split(";")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  return parts.length > 0 && parts.every((p) => p === "C");
}
