// The import's accounts: one row per IB account of the statement, created or refreshed (alias, name, base
// currency and link only ever fill in, never blank out what an earlier statement said).
import type { Transaction } from "kysely";
import type { ImportFlexInput } from "./import-flex-data.ts";
import type { Schema } from "./schema.ts";

/** The db id of each IB account id. */
export async function upsertAccounts(
  tx: Transaction<Schema>,
  input: Pick<ImportFlexInput, "userId" | "linkId" | "data">,
  ibAccounts: readonly string[],
): Promise<Map<string, string>> {
  const info = new Map(input.data.accounts.map((a) => [a.accountId, a]));
  const out = new Map<string, string>();
  for (const ibAccountId of ibAccounts) {
    const a = info.get(ibAccountId);
    const row = await tx
      .insertInto("accounts")
      .values({
        user_id: input.userId,
        link_id: input.linkId ?? null,
        ib_account_id: ibAccountId,
        base_currency: a?.baseCurrency ?? null,
        alias: a?.alias ?? null,
        name: a?.name ?? null,
      })
      .onConflict((oc) =>
        oc.columns(["user_id", "ib_account_id"]).doUpdateSet((eb) => ({
          link_id: eb.fn.coalesce("excluded.link_id", "accounts.link_id"),
          base_currency: eb.fn.coalesce("excluded.base_currency", "accounts.base_currency"),
          alias: eb.fn.coalesce("excluded.alias", "accounts.alias"),
          name: eb.fn.coalesce("excluded.name", "accounts.name"),
        })),
      )
      .returning("id")
      .executeTakeFirstOrThrow();
    out.set(ibAccountId, row.id);
  }
  return out;
}
