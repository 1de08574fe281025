// AccountInformation is a section element that carries its data as its own attributes (no child rows).
import type { AccountInfo } from "../types.ts";
import type { Attrs } from "./read-attr.ts";
import type { RowContext } from "./row-context.ts";

export function normalizeAccountInformation(a: Attrs, ctx: RowContext): AccountInfo {
  return {
    accountId: ctx.account(a),
    baseCurrency: ctx.str(a, "currency"),
    alias: ctx.str(a, "acctAlias"),
    name: ctx.str(a, "name"),
  };
}
