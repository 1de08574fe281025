// IB accounts as closeout stores them: one row per user and IB account id, created by imports; a row with a
// link id is held by its user (only a link import sets it; at most one holder per IB account id).
import type { DbExecutor } from "./database.ts";
import type { AccountRow } from "./schema.ts";

export interface Account {
  readonly id: string;
  readonly userId: string;
  readonly linkId: string | null;
  readonly ibAccountId: string;
  readonly baseCurrency: string | null;
  readonly alias: string | null;
  readonly name: string | null;
}

function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    userId: row.user_id,
    linkId: row.link_id,
    ibAccountId: row.ib_account_id,
    baseCurrency: row.base_currency,
    alias: row.alias,
    name: row.name,
  };
}

export async function listAccountsForUser(db: DbExecutor, userId: string): Promise<Account[]> {
  const rows = await db
    .selectFrom("accounts")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("ib_account_id")
    .execute();
  return rows.map(toAccount);
}

export async function findAccount(db: DbExecutor, accountId: string): Promise<Account | null> {
  const row = await db.selectFrom("accounts").selectAll().where("id", "=", accountId).executeTakeFirst();
  return row ? toAccount(row) : null;
}

export async function findAccountByIbId(
  db: DbExecutor,
  userId: string,
  ibAccountId: string,
): Promise<Account | null> {
  const row = await db
    .selectFrom("accounts")
    .selectAll()
    .where("user_id", "=", userId)
    .where("ib_account_id", "=", ibAccountId)
    .executeTakeFirst();
  return row ? toAccount(row) : null;
}

export async function listAccountsForLink(db: DbExecutor, linkId: string): Promise<Account[]> {
  const rows = await db
    .selectFrom("accounts")
    .selectAll()
    .where("link_id", "=", linkId)
    .orderBy("ib_account_id")
    .execute();
  return rows.map(toAccount);
}
