// Who holds an IB account: only a Flex link establishes it (accounts.link_id, set by a link's import alone,
// one holder per IB account id). An upload names an account without proving anything, so it never claims one
// and never blocks its holder's link; it is refused only where another user's link holds the account.
import type { Transaction } from "kysely";
import { AppError } from "../app-error.ts";
import type { Provenance, Schema } from "./schema.ts";

/** Throws when another user's link holds one of `ibAccounts`; the message names no account and no user. */
export async function refuseAccountsHeldElsewhere(
  tx: Transaction<Schema>,
  userId: string,
  ibAccounts: readonly string[],
  provenance: Provenance,
): Promise<void> {
  if (ibAccounts.length === 0) return;
  const held = await tx
    .selectFrom("accounts")
    .select("id")
    .where("ib_account_id", "in", ibAccounts)
    .where("user_id", "<>", userId)
    .where("link_id", "is not", null)
    .limit(1)
    .executeTakeFirst();
  if (held === undefined) return;
  if (provenance === "upload") {
    throw new AppError(
      "account-held-by-link",
      "This statement is of an IB account that another closeout user has linked through IB's Flex Web " +
        "Service; only that link brings in the account's data. Nothing was imported.",
    );
  }
  throw new AppError(
    "account-owned-by-another-user",
    "An IB account of this Flex query is already linked by another closeout user; nothing was imported.",
  );
}
