// IB links: a Flex query id and an encrypted Flex token. The token leaves this module only as ciphertext;
// decrypting it is the sync job's business (crypto/token-cipher.ts).
import type { EncryptedToken } from "../crypto/token-cipher.ts";
import type { DbExecutor } from "./database.ts";
import type { IbLinkRow } from "./schema.ts";

export type LinkStatus = "pending" | "active" | "syncing" | "error" | "token-expired" | "disabled";

export interface IbLink {
  readonly id: string;
  readonly userId: string;
  readonly queryId: string;
  readonly tokenExpiresOn: string | null;
  readonly status: LinkStatus;
  readonly statusMessage: string | null;
  readonly lastSyncAt: string | null;
  readonly nextSyncAt: string | null;
  readonly createdAt: string;
}

export interface NewLink {
  /** Chosen by the caller (randomUUID), because the token is sealed for this id before the row exists. */
  readonly id: string;
  readonly userId: string;
  readonly queryId: string;
  readonly token: EncryptedToken;
  readonly tokenExpiresOn?: string | null;
  readonly nextSyncAt?: Date | null;
}

function toLink(
  row: Omit<IbLinkRow, "token_ciphertext" | "token_iv" | "token_tag" | "token_format" | "token_key_id">,
): IbLink {
  return {
    id: row.id,
    userId: row.user_id,
    queryId: row.query_id,
    tokenExpiresOn: row.token_expires_on,
    status: row.status as LinkStatus,
    statusMessage: row.status_message,
    lastSyncAt: row.last_sync_at?.toISOString() ?? null,
    nextSyncAt: row.next_sync_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

const LINK_COLUMNS = [
  "id",
  "user_id",
  "query_id",
  "token_expires_on",
  "status",
  "status_message",
  "last_sync_at",
  "next_sync_at",
  "created_at",
] as const;

export async function createLink(db: DbExecutor, link: NewLink): Promise<IbLink> {
  const row = await db
    .insertInto("ib_links")
    .values({
      id: link.id,
      user_id: link.userId,
      query_id: link.queryId,
      ...tokenColumns(link.token),
      token_expires_on: link.tokenExpiresOn ?? null,
      status_message: null,
      last_sync_at: null,
      next_sync_at: link.nextSyncAt ?? null,
    })
    .returning(LINK_COLUMNS)
    .executeTakeFirstOrThrow();
  return toLink(row);
}

export async function findLink(db: DbExecutor, linkId: string): Promise<IbLink | null> {
  const row = await db
    .selectFrom("ib_links")
    .select(LINK_COLUMNS)
    .where("id", "=", linkId)
    .executeTakeFirst();
  return row ? toLink(row) : null;
}

export async function listLinksForUser(db: DbExecutor, userId: string): Promise<IbLink[]> {
  const rows = await db
    .selectFrom("ib_links")
    .select(LINK_COLUMNS)
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .execute();
  return rows.map(toLink);
}

/** Links whose next sync is due at `now`, oldest first. */
export async function listDueLinks(db: DbExecutor, now: Date, limit = 100): Promise<IbLink[]> {
  const rows = await db
    .selectFrom("ib_links")
    .select(LINK_COLUMNS)
    .where("next_sync_at", "<=", now)
    .where("status", "not in", ["disabled", "token-expired"])
    .orderBy("next_sync_at")
    .limit(limit)
    .execute();
  return rows.map(toLink);
}

const TOKEN_COLUMNS = ["token_ciphertext", "token_iv", "token_tag", "token_format", "token_key_id"] as const;

type TokenRow = Pick<IbLinkRow, (typeof TOKEN_COLUMNS)[number]>;

function toToken(row: TokenRow): EncryptedToken {
  return {
    ciphertext: Buffer.from(row.token_ciphertext),
    iv: Buffer.from(row.token_iv),
    tag: Buffer.from(row.token_tag),
    format: row.token_format === 2 ? 2 : 1,
    keyId: row.token_key_id,
  };
}

function tokenColumns(token: EncryptedToken) {
  return {
    token_ciphertext: token.ciphertext,
    token_iv: token.iv,
    token_tag: token.tag,
    token_format: token.format,
    token_key_id: token.keyId,
  };
}

export async function loadLinkToken(db: DbExecutor, linkId: string): Promise<EncryptedToken | null> {
  const row = await db
    .selectFrom("ib_links")
    .select(TOKEN_COLUMNS)
    .where("id", "=", linkId)
    .executeTakeFirst();
  return row ? toToken(row) : null;
}

/**
 * Every link's sealed token (only format 1 with `legacyOnly`), its row locked until the transaction ends: for
 * re-sealing them all at once (the upgrade at start, `closeout rotate-key`).
 */
export async function lockLinkTokens(
  trx: DbExecutor,
  options: { legacyOnly?: boolean } = {},
): Promise<{ linkId: string; token: EncryptedToken }[]> {
  let query = trx
    .selectFrom("ib_links")
    .select(["id", ...TOKEN_COLUMNS])
    .orderBy("id")
    .forUpdate();
  if (options.legacyOnly) query = query.where("token_format", "=", 1);
  const rows = await query.execute();
  return rows.map((row) => ({ linkId: row.id, token: toToken(row) }));
}

/** Replaces a link's sealed token, nothing else (the same token under another key or format). */
export async function resealLinkToken(db: DbExecutor, linkId: string, token: EncryptedToken): Promise<void> {
  await db.updateTable("ib_links").set(tokenColumns(token)).where("id", "=", linkId).execute();
}

/** How many links there are, and how many of their tokens are sealed by a key other than `keyId`. */
export async function countLinkTokens(
  db: DbExecutor,
  keyId: string,
): Promise<{ links: number; otherKey: number }> {
  const row = await db
    .selectFrom("ib_links")
    .select((eb) => [
      eb.fn.countAll<string>().as("links"),
      eb.fn
        .countAll<string>()
        .filterWhere((w) => w.and([w("token_format", "=", 2), w("token_key_id", "<>", keyId)]))
        .as("other_key"),
    ])
    .executeTakeFirstOrThrow();
  return { links: Number(row.links), otherKey: Number(row.other_key) };
}

export async function replaceLinkToken(
  db: DbExecutor,
  linkId: string,
  token: EncryptedToken,
  tokenExpiresOn: string | null,
): Promise<void> {
  await db
    .updateTable("ib_links")
    .set({
      ...tokenColumns(token),
      token_expires_on: tokenExpiresOn,
      status: "pending",
      status_message: null,
    })
    .where("id", "=", linkId)
    .execute();
}

export async function updateLinkStatus(
  db: DbExecutor,
  linkId: string,
  update: {
    readonly status: LinkStatus;
    readonly statusMessage?: string | null;
    readonly lastSyncAt?: Date;
    readonly nextSyncAt?: Date | null;
  },
): Promise<void> {
  await db
    .updateTable("ib_links")
    .set({
      status: update.status,
      status_message: update.statusMessage ?? null,
      ...(update.lastSyncAt === undefined ? {} : { last_sync_at: update.lastSyncAt }),
      ...(update.nextSyncAt === undefined ? {} : { next_sync_at: update.nextSyncAt }),
    })
    .where("id", "=", linkId)
    .execute();
}

export async function deleteLink(db: DbExecutor, linkId: string): Promise<void> {
  await db.deleteFrom("ib_links").where("id", "=", linkId).execute();
}
