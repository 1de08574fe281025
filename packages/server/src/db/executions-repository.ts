// Read access to stored executions (writes happen only in import-flex-data.ts).
import type { Execution } from "@closeout/core";
import type { DbExecutor } from "./database.ts";
import { loadAccountFlexData } from "./load-account-flex-data.ts";

export async function countExecutions(db: DbExecutor, accountId: string): Promise<number> {
  const row = await db
    .selectFrom("executions")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("account_id", "=", accountId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The account's executions in stitched file order, mapped like loadAccountFlexData does. */
export async function listAccountExecutions(
  db: DbExecutor,
  accountId: string,
): Promise<readonly Execution[]> {
  return (await loadAccountFlexData(db, accountId)).executions;
}
