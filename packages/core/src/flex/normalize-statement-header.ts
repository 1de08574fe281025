// FlexStatement header: period is a code ("LastBusinessDay", "" for a custom range); dates follow the
// query's Date Format; whenGenerated is New York time with any of IB's date/time separators.
import type { StatementMeta } from "../types.ts";
import { newYorkToUtcMs, utcIso } from "./new-york-to-utc.ts";
import { parseWallTime } from "./parse-wall-time.ts";
import { type Attrs, readAttr } from "./read-attr.ts";
import type { RowContext } from "./row-context.ts";

/** The header with an empty, still-growing `sections` list (filled while the statement is read). */
export interface StatementHeader extends StatementMeta {
  readonly sections: string[];
}

export function normalizeStatementHeader(a: Attrs, ctx: RowContext): StatementHeader {
  return {
    index: ctx.statementIndex,
    accountId: ctx.statementAccountId,
    fromDate: headerDay(a, "fromDate", ctx),
    toDate: headerDay(a, "toDate", ctx),
    period: ctx.str(a, "period"),
    whenGenerated: headerTime(a, ctx),
    sections: [],
  };
}

function headerDay(a: Attrs, name: string, ctx: RowContext): string | null {
  return readHeaderDate(a, name, ctx) ? ctx.day(ctx.wall.day) : null;
}

function headerTime(a: Attrs, ctx: RowContext): string | null {
  return readHeaderDate(a, "whenGenerated", ctx) ? utcIso(newYorkToUtcMs(ctx.wall.day, ctx.wall.ms)) : null;
}

function readHeaderDate(a: Attrs, name: string, ctx: RowContext): boolean {
  const raw = readAttr(a, name);
  if (raw === null) return false;
  if (parseWallTime(name, raw, ctx.wall)) return true;
  ctx.issue("invalid-date", name, `${name} "${raw.slice(0, 40)}" is not a readable date; ignored`);
  return false;
}
