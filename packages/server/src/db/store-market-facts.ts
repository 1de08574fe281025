// Import step: market facts per user (multipliers, FX rates for commissions). A link's values are IB's, so
// they win over whatever an upload stored for the same key; an upload never changes a stored one.
import type { FlexData } from "@closeout/core";
import type { Transaction } from "kysely";
import { bulkInsert } from "./bulk-insert.ts";
import { firstByKey } from "./first-by-key.ts";
import { conversionRateToRow, securityToRow } from "./flex-rows.ts";
import type { Provenance, Schema } from "./schema.ts";

export async function storeMarketFacts(
  tx: Transaction<Schema>,
  data: FlexData,
  userId: string,
  provenance: Provenance,
): Promise<void> {
  const linkWins = (target: string, columns: readonly string[], key: readonly string[]) => {
    const set = columns.filter((c) => !key.includes(c)).map((c) => `${c} = excluded.${c}`);
    return provenance === "link" && set.length > 0
      ? `${target} do update set ${set.join(", ")}`
      : `${target} do nothing`;
  };
  const securities = firstByKey(
    data.securities.map((sec) => securityToRow(sec, userId)),
    ["instrument_key"],
  );
  await bulkInsert(tx, "securities", securities, {
    onConflict: linkWins("(user_id, instrument_key)", Object.keys(securities[0] ?? {}), [
      "user_id",
      "instrument_key",
    ]),
  });
  await bulkInsert(
    tx,
    "conversion_rates",
    firstByKey(
      data.conversionRates.map((r) => conversionRateToRow(r, userId)),
      ["report_date", "from_currency", "to_currency"],
    ),
    { onConflict: linkWins("(user_id, report_date, from_currency, to_currency)", ["rate"], []) },
  );
}
