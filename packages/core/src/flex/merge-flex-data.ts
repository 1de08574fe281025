// Several files are one history: concatenate them; duplicates are removed later by the ledger, not here.
import type { FlexData } from "../types.ts";
import type { FlexParserOptions } from "./create-flex-parser.ts";
import { mergeAccounts } from "./merge-accounts.ts";

/**
 * Concatenates parsed files in order. `shape`: sections are the union, execution facts hold if any file has
 * them, `accountCurrencyPresent` only if every file has it (a file without it still needs its query fixed).
 */
export function mergeFlexData(parts: readonly FlexData[]): FlexData {
  const sections: string[] = [];
  for (const p of parts) for (const s of p.shape.sections) if (!sections.includes(s)) sections.push(s);
  return {
    statements: parts.flatMap((p) => p.statements),
    accounts: mergeAccounts(parts.flatMap((p) => p.accounts)),
    executions: parts.flatMap((p) => p.executions),
    optionEvents: parts.flatMap((p) => p.optionEvents),
    corporateActions: parts.flatMap((p) => p.corporateActions),
    openPositions: parts.flatMap((p) => p.openPositions),
    securities: parts.flatMap((p) => p.securities),
    conversionRates: parts.flatMap((p) => p.conversionRates),
    transfers: parts.flatMap((p) => p.transfers),
    cashTransactions: parts.flatMap((p) => p.cashTransactions ?? []),
    navRows: parts.flatMap((p) => p.navRows ?? []),
    changesInNav: parts.flatMap((p) => p.changesInNav ?? []),
    shape: {
      sections,
      executionsHaveTime: parts.some((p) => p.shape.executionsHaveTime),
      hasExecutions: parts.some((p) => p.shape.hasExecutions),
      accountCurrencyPresent: parts.length > 0 && parts.every((p) => p.shape.accountCurrencyPresent),
    },
    issues: parts.flatMap((p) => p.issues),
  };
}

/** Options for parsing the next file after `soFar` (the merge of all files parsed before it). */
export function nextFlexParserOptions(
  soFar: FlexData,
): Required<Pick<FlexParserOptions, "fileOrderStart" | "statementIndexStart">> {
  let order = -1;
  for (const e of soFar.executions) if (e.fileOrder > order) order = e.fileOrder;
  for (const e of soFar.optionEvents) if (e.fileOrder > order) order = e.fileOrder;
  for (const c of soFar.corporateActions) if (c.fileOrder > order) order = c.fileOrder;
  let index = -1;
  for (const s of soFar.statements) if (s.index > index) index = s.index;
  return { fileOrderStart: order + 1, statementIndexStart: index + 1 };
}
