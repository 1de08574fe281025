// Rebuilds, from stored rows, the FlexData of one account across every statement imported for it, so the
// trade builder can run again when the rules improve. Statements are stitched in import order: each
// statement's file orders are shifted past the previous ones, so rule 5's tie-break stays stable and a single
// import round-trips exactly.
// With `{ provenance: "link" }` only what the user's Flex links pulled from IB is read (executions by their
// provenance, every other row by its first statement's): the verified view of the account.
import type { AccountInfo, FlexData, StatementMeta } from "@closeout/core";
import { AppError } from "../app-error.ts";
import type { DbExecutor } from "./database.ts";
import {
  conversionRateFromRow,
  corporateActionFromRow,
  executionFromRow,
  isoSeconds,
  optionEventFromRow,
  positionFromRow,
  securityFromRow,
  transferFromRow,
} from "./flex-rows.ts";
import { need } from "./need.ts";
import type { Provenance } from "./schema.ts";

export interface LoadAccountOptions {
  /** Only rows of this provenance (default: every row). */
  readonly provenance?: Provenance;
}

export async function loadAccountFlexData(
  db: DbExecutor,
  accountId: string,
  options: LoadAccountOptions = {},
): Promise<FlexData> {
  const account = await db.selectFrom("accounts").selectAll().where("id", "=", accountId).executeTakeFirst();
  if (account === undefined) throw new AppError("not-found", "account not found");
  const ib = account.ib_account_id;

  const only = options.provenance;
  const ofStatements = db
    .selectFrom("raw_statements")
    .select("id")
    .where("user_id", "=", account.user_id)
    .where("provenance", "=", only ?? "link");
  const [metas, executions, instruments, events, actions, allPositions, transfers, securities, rates] =
    await Promise.all([
      db
        .selectFrom("statements_meta")
        .selectAll()
        .where("account_id", "=", accountId)
        .$if(only !== undefined, (q) => q.where("raw_statement_id", "in", ofStatements))
        .execute(),
      db
        .selectFrom("executions")
        .selectAll()
        .where("account_id", "=", accountId)
        .$if(only !== undefined, (q) => q.where("provenance", "=", only ?? "link"))
        .execute(),
      db.selectFrom("execution_instruments").selectAll().where("account_id", "=", accountId).execute(),
      db
        .selectFrom("option_events")
        .selectAll()
        .where("account_id", "=", accountId)
        .$if(only !== undefined, (q) => q.where("first_statement_id", "in", ofStatements))
        .execute(),
      db
        .selectFrom("corporate_actions")
        .selectAll()
        .where("account_id", "=", accountId)
        .$if(only !== undefined, (q) => q.where("first_statement_id", "in", ofStatements))
        .execute(),
      db.selectFrom("position_snapshots").selectAll().where("account_id", "=", accountId).execute(),
      db
        .selectFrom("transfers")
        .selectAll()
        .where("account_id", "=", accountId)
        .$if(only !== undefined, (q) => q.where("first_statement_id", "in", ofStatements))
        .execute(),
      db
        .selectFrom("securities")
        .selectAll()
        .where("user_id", "=", account.user_id)
        .orderBy("instrument_key")
        .execute(),
      db
        .selectFrom("conversion_rates")
        .selectAll()
        .where("user_id", "=", account.user_id)
        .orderBy("report_date")
        .orderBy("from_currency")
        .orderBy("to_currency")
        .execute(),
    ]);

  const metaIds = new Set(metas.map((m) => m.id));
  const positions = allPositions.filter((p) => metaIds.has(p.statement_meta_id));
  const statementIds = new Set<string>([
    ...metas.map((m) => m.raw_statement_id),
    ...executions.map((r) => r.first_statement_id),
    ...events.map((r) => r.first_statement_id),
    ...actions.map((r) => r.first_statement_id),
    ...transfers.map((r) => r.first_statement_id),
  ]);
  const raws =
    statementIds.size === 0
      ? []
      : await db
          .selectFrom("raw_statements")
          .select(["id", "seq", "file_order_span", "shape"])
          .where("id", "in", [...statementIds])
          .execute();
  raws.sort((a, b) => compareBigintText(a.seq, b.seq));
  const offset = new Map<string, number>();
  const rank = new Map<string, number>();
  let next = 0;
  raws.forEach((r, i) => {
    offset.set(r.id, next);
    rank.set(r.id, i);
    next += r.file_order_span;
  });
  const offsetOf = (id: string) => offset.get(id) ?? 0;

  metas.sort(
    (a, b) =>
      (rank.get(a.raw_statement_id) ?? 0) - (rank.get(b.raw_statement_id) ?? 0) ||
      a.statement_index - b.statement_index,
  );
  const statementIndexOf = new Map(metas.map((m, i) => [m.id, i]));
  const statements: StatementMeta[] = metas.map((m, index) => ({
    index,
    accountId: ib,
    fromDate: m.from_date,
    toDate: m.to_date,
    period: m.period,
    whenGenerated: m.when_generated === null ? null : isoSeconds(m.when_generated),
    sections: m.sections,
  }));

  const byFileOrder = <T extends { fileOrder: number }>(rows: T[]) =>
    rows.sort((a, b) => a.fileOrder - b.fileOrder);
  positions.sort(
    (a, b) =>
      (statementIndexOf.get(a.statement_meta_id) ?? 0) - (statementIndexOf.get(b.statement_meta_id) ?? 0) ||
      a.ordinal - b.ordinal,
  );
  transfers.sort(
    (a, b) =>
      (rank.get(a.first_statement_id) ?? 0) - (rank.get(b.first_statement_id) ?? 0) || a.ordinal - b.ordinal,
  );

  const instrumentOf = new Map(instruments.map((i) => [i.instrument_ref, i]));
  const accountInfo: AccountInfo = {
    accountId: ib,
    baseCurrency: account.base_currency,
    alias: account.alias,
    name: account.name,
  };
  const outExecutions = byFileOrder(
    executions.map((r) =>
      executionFromRow(
        r,
        need(instrumentOf, r.instrument_ref, "stored instrument"),
        ib,
        offsetOf(r.first_statement_id),
      ),
    ),
  );
  const sections = [...new Set(metas.flatMap((m) => m.sections))];
  return {
    statements,
    accounts: [accountInfo],
    executions: outExecutions,
    optionEvents: byFileOrder(events.map((r) => optionEventFromRow(r, ib, offsetOf(r.first_statement_id)))),
    corporateActions: byFileOrder(
      actions.map((r) => corporateActionFromRow(r, ib, offsetOf(r.first_statement_id))),
    ),
    openPositions: positions.map((r) =>
      positionFromRow(r, ib, statementIndexOf.get(r.statement_meta_id) ?? 0),
    ),
    securities: securities.map(securityFromRow),
    conversionRates: rates.map(conversionRateFromRow),
    transfers: transfers.map((r) => transferFromRow(r, ib)),
    shape: {
      sections,
      executionsHaveTime: raws.some(
        (r) => (r.shape as { executionsHaveTime?: boolean }).executionsHaveTime === true,
      ),
      hasExecutions: outExecutions.length > 0,
      accountCurrencyPresent: account.base_currency !== null,
    },
    issues: [],
  };
}

function compareBigintText(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
