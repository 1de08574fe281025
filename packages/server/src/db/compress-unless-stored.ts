// Import step before the transaction: the raw XML is compressed there, and not at all when the same bytes are
// stored already (a re-import only looks its rows up). On the embedded database the transaction holds the
// only connection, so compressing inside it would make every other user's request wait.
import type { Db } from "./database.ts";
import { sha256Hex } from "./flex-rows.ts";

export interface RawStatementBytes {
  readonly sha256: string;
  /** The stored copy of these bytes, if any, when the import started. */
  readonly storedBefore: { readonly id: string } | undefined;
  /** The gzip of the XML; null when it was stored already. */
  readonly content: Buffer | null;
}

export async function compressUnlessStored(
  db: Db,
  userId: string,
  rawXml: string,
  compress: (xml: Buffer) => Promise<Buffer>,
): Promise<RawStatementBytes> {
  const sha256 = sha256Hex(rawXml);
  const storedBefore = await db.kysely
    .selectFrom("raw_statements")
    .select("id")
    .where("user_id", "=", userId)
    .where("sha256", "=", sha256)
    .executeTakeFirst();
  const content = storedBefore === undefined ? await compress(Buffer.from(rawXml, "utf8")) : null;
  return { sha256, storedBefore, content };
}
