// The stored cash, NAV and ChangeInNAV rows of a user's accounts as core's FlexData, for computeReturns.
// The owner is part of every query: another user's account id finds nothing. With `{ provenance: "link" }`
// only rows pulled from IB by the user's links are read (the verified view, as for trades).
import type { AccountInfo, FlexData } from "@closeout/core";
import { sql } from "kysely";
import { cashTransactionFromRow, navChangeFromRow, navRowFromRow } from "./cash-nav-rows.ts";
import type { DbExecutor } from "./database.ts";
import type { Provenance } from "./schema.ts";

export interface ReturnsAccount {
  readonly id: string;
  readonly ibAccountId: string;
  /** True when every cash, NAV and ChangeInNAV row of the account came through a link. */
  readonly verified: boolean;
}

export interface AccountReturnsData {
  readonly accounts: readonly ReturnsAccount[];
  readonly data: FlexData;
}

const EMPTY_SHAPE = {
  sections: [],
  executionsHaveTime: false,
  hasExecutions: false,
  accountCurrencyPresent: false,
} as const;

/** `account`: one account, by closeout's id or the IB account id; absent: every account of the user. */
export async function loadAccountReturnsData(
  db: DbExecutor,
  userId: string,
  options: { readonly account?: string | undefined; readonly provenance?: Provenance } = {},
): Promise<AccountReturnsData> {
  const { account } = options;
  const accounts = await db
    .selectFrom("accounts")
    .select(["id", "ib_account_id", "base_currency", "alias", "name"])
    .where("user_id", "=", userId)
    .$if(account !== undefined, (q) =>
      q.where((eb) =>
        eb.or([eb("ib_account_id", "=", account ?? ""), eb(sql`id::text`, "=", account ?? "")]),
      ),
    )
    .orderBy("ib_account_id")
    .execute();
  const ids = accounts.map((a) => a.id);
  const ibOf = new Map(accounts.map((a) => [a.id, a.ib_account_id]));
  const only = options.provenance;
  const [cash, nav, changes] =
    ids.length === 0
      ? [[], [], []]
      : await Promise.all([
          db
            .selectFrom("cash_transactions")
            .selectAll()
            .where("account_id", "in", ids)
            .$if(only !== undefined, (q) => q.where("provenance", "=", only ?? "link"))
            .orderBy("id")
            .execute(),
          db
            .selectFrom("nav_rows")
            .selectAll()
            .where("account_id", "in", ids)
            .$if(only !== undefined, (q) => q.where("provenance", "=", only ?? "link"))
            .execute(),
          db
            .selectFrom("nav_changes")
            .selectAll()
            .where("account_id", "in", ids)
            .$if(only !== undefined, (q) => q.where("provenance", "=", only ?? "link"))
            .execute(),
        ]);
  const unverified = new Set(
    [...cash, ...nav, ...changes].filter((r) => r.provenance !== "link").map((r) => r.account_id),
  );
  const ib = (accountId: string) => ibOf.get(accountId) ?? "";
  const infos: AccountInfo[] = accounts.map((a) => ({
    accountId: a.ib_account_id,
    baseCurrency: a.base_currency,
    alias: a.alias,
    name: a.name,
  }));
  return {
    accounts: accounts.map((a) => ({
      id: a.id,
      ibAccountId: a.ib_account_id,
      verified: !unverified.has(a.id),
    })),
    data: {
      statements: [],
      accounts: infos,
      executions: [],
      optionEvents: [],
      corporateActions: [],
      openPositions: [],
      securities: [],
      conversionRates: [],
      transfers: [],
      cashTransactions: cash.map((r) => cashTransactionFromRow(r, ib(r.account_id))),
      navRows: nav.map((r) => navRowFromRow(r, ib(r.account_id))),
      changesInNav: changes.map((r) => navChangeFromRow(r, ib(r.account_id))),
      shape: EMPTY_SHAPE,
      issues: [],
    },
  };
}
