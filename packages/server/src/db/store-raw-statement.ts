// Import step: the raw statement (gzip, by content hash), within the user's quota. The very bytes an upload
// brought, pulled again by a link, become the link's: IB vouches for them.
import type { FlexData } from "@closeout/core";
import type { Transaction } from "kysely";
import type { RawStatementBytes } from "./compress-unless-stored.ts";
import { checkRawQuota } from "./raw-statement-quota.ts";
import type { Provenance, Schema } from "./schema.ts";

export interface StoredRawStatement {
  readonly statementId: string;
  /** True when these bytes were stored by an earlier import. */
  readonly alreadyStored: boolean;
}

export async function storeRawStatement(
  tx: Transaction<Schema>,
  input: {
    readonly userId: string;
    readonly data: FlexData;
    readonly rawXml: string;
    readonly provenance: Provenance;
    readonly compress: (xml: Buffer) => Promise<Buffer>;
    readonly rawQuotaBytes?: number | undefined;
  },
  bytes: RawStatementBytes,
): Promise<StoredRawStatement> {
  const { userId, data, rawXml, provenance } = input;
  const byHash = () =>
    tx
      .selectFrom("raw_statements")
      .select("id")
      .where("user_id", "=", userId)
      .where("sha256", "=", bytes.sha256)
      .executeTakeFirst();
  const storedNow = bytes.storedBefore ?? (await byHash());
  // Compressed here only if its stored copy vanished after the look-up before the transaction (never in practice).
  const gzipped =
    storedNow !== undefined ? null : (bytes.content ?? (await input.compress(Buffer.from(rawXml, "utf8"))));
  const inserted =
    gzipped === null
      ? undefined
      : await tx
          .insertInto("raw_statements")
          .values({
            user_id: userId,
            sha256: bytes.sha256,
            content_gzip: gzipped,
            byte_length: Buffer.byteLength(rawXml, "utf8"),
            from_date: firstDate(data.statements.map((s) => s.fromDate)),
            to_date: firstDate(
              data.statements.map((s) => s.toDate),
              "last",
            ),
            file_order_span: fileOrderSpan(data),
            shape: JSON.stringify(data.shape),
            provenance,
          })
          .onConflict((oc) => oc.columns(["user_id", "sha256"]).doNothing())
          .returning("id")
          .executeTakeFirst();
  if (inserted !== undefined && gzipped !== null) {
    await checkRawQuota(tx, userId, inserted.id, gzipped.byteLength, input.rawQuotaBytes);
  }
  const statementId = inserted?.id ?? (await byHash())?.id;
  if (statementId === undefined) throw new Error("raw statement vanished during its import");
  if (inserted === undefined && provenance === "link") {
    await tx
      .updateTable("raw_statements")
      .set({ provenance: "link" })
      .where("id", "=", statementId)
      .where("provenance", "=", "upload")
      .execute();
  }
  return { statementId, alreadyStored: inserted === undefined };
}

function firstDate(values: (string | null)[], which: "first" | "last" = "first"): string | null {
  const present = values.filter((v): v is string => v !== null).sort();
  return (which === "first" ? present[0] : present.at(-1)) ?? null;
}

/** One past the statement's largest file order: the next statement's rows are shifted past it. */
function fileOrderSpan(data: FlexData): number {
  let max = -1;
  for (const list of [data.executions, data.optionEvents, data.corporateActions]) {
    for (const row of list) if (row.fileOrder > max) max = row.fileOrder;
  }
  return max + 1;
}
