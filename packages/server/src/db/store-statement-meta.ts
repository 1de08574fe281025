// The import's statements_meta rows: which sections and dates each FlexStatement of the file had, per account.
import type { FlexData } from "@closeout/core";
import type { Transaction } from "kysely";
import { need } from "./need.ts";
import type { Schema } from "./schema.ts";

/** One statements_meta row per (account, FlexStatement); keys are `${ibAccountId}\0${statementIndex}`. */
export async function storeStatementMeta(
  tx: Transaction<Schema>,
  data: FlexData,
  statementId: string,
  accountIdOf: ReadonlyMap<string, string>,
): Promise<Map<string, string>> {
  const wanted = new Map<string, { ibAccountId: string; index: number }>();
  data.statements.forEach((s, index) => {
    if (s.accountId !== "") wanted.set(`${s.accountId}\u0000${index}`, { ibAccountId: s.accountId, index });
  });
  for (const p of data.openPositions) {
    wanted.set(`${p.accountId}\u0000${p.statementIndex}`, {
      ibAccountId: p.accountId,
      index: p.statementIndex,
    });
  }
  const out = new Map<string, string>();
  for (const [key, { ibAccountId, index }] of wanted) {
    const s = data.statements[index];
    const accountId = need(accountIdOf, ibAccountId);
    const sections = s ? [...s.sections] : [];
    await tx
      .insertInto("statements_meta")
      .values({
        account_id: accountId,
        raw_statement_id: statementId,
        statement_index: index,
        from_date: s?.fromDate ?? null,
        to_date: s?.toDate ?? null,
        period: s?.period ?? null,
        when_generated: s?.whenGenerated ?? null,
        sections,
        has_open_positions: sections.includes("OpenPositions"),
      })
      .onConflict((oc) => oc.columns(["account_id", "raw_statement_id", "statement_index"]).doNothing())
      .execute();
    const row = await tx
      .selectFrom("statements_meta")
      .select("id")
      .where("account_id", "=", accountId)
      .where("raw_statement_id", "=", statementId)
      .where("statement_index", "=", index)
      .executeTakeFirstOrThrow();
    out.set(key, row.id);
  }
  return out;
}
