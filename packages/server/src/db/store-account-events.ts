// Import step: option events, corporate actions, position snapshots and transfers of the statement's
// accounts. These rows' provenance is their first statement's; a link adopts the rows an upload brought first.
import type { FlexData } from "@closeout/core";
import type { Transaction } from "kysely";
import { bulkInsert } from "./bulk-insert.ts";
import { firstByKey } from "./first-by-key.ts";
import { corporateActionToRow, optionEventToRow, positionToRow, transferToRow } from "./flex-rows.ts";
import { need } from "./need.ts";
import type { Provenance, Schema } from "./schema.ts";

export async function storeAccountEvents(
  tx: Transaction<Schema>,
  data: FlexData,
  target: {
    readonly accountIdOf: ReadonlyMap<string, string>;
    /** `${ibAccountId}\0${statementIndex}` → statements_meta id (store-statement-meta.ts). */
    readonly metaIdOf: ReadonlyMap<string, string>;
    readonly statementId: string;
    readonly provenance: Provenance;
  },
): Promise<void> {
  const { accountIdOf, metaIdOf, statementId, provenance } = target;
  const ids = (accountId: string) => ({
    account_id: need(accountIdOf, accountId),
    first_statement_id: statementId,
  });
  const adopt = (table: string, key: string, also: string) =>
    provenance === "link"
      ? `${key} do update set first_statement_id = excluded.first_statement_id${also}
          where (select provenance from raw_statements where id = ${table}.first_statement_id) = 'upload'`
      : `${key} do nothing`;
  await bulkInsert(
    tx,
    "option_events",
    firstByKey(
      data.optionEvents.map((e) => optionEventToRow(e, ids(e.accountId))),
      ["account_id", "instrument_key", "type", "date", "quantity"],
    ),
    {
      onConflict: adopt(
        "option_events",
        "(account_id, instrument_key, type, date, quantity)",
        ", file_order = excluded.file_order",
      ),
    },
  );
  // The unique constraint is NULLS NOT DISTINCT (action_id may be absent); the target names its columns.
  await bulkInsert(
    tx,
    "corporate_actions",
    firstByKey(
      data.corporateActions.map((a) => corporateActionToRow(a, ids(a.accountId))),
      ["account_id", "instrument_key", "type", "date_time_raw", "quantity", "action_id"],
    ),
    {
      onConflict: adopt(
        "corporate_actions",
        "(account_id, instrument_key, type, date_time_raw, quantity, action_id)",
        ", file_order = excluded.file_order",
      ),
    },
  );
  const positions = data.openPositions.map((p, i) =>
    positionToRow(
      p,
      {
        account_id: need(accountIdOf, p.accountId),
        statement_meta_id: need(metaIdOf, `${p.accountId}\u0000${p.statementIndex}`),
        to_date: data.statements[p.statementIndex]?.toDate ?? null,
      },
      i,
    ),
  );
  await bulkInsert(tx, "position_snapshots", positions, {
    onConflict: "(statement_meta_id, instrument_key) do nothing",
  });
  await bulkInsert(
    tx,
    "transfers",
    firstByKey(
      data.transfers.map((t, i) => transferToRow(t, ids(t.accountId), i)),
      ["account_id", "row_key"],
    ),
    { onConflict: adopt("transfers", "(account_id, row_key)", ", ordinal = excluded.ordinal") },
  );
}
