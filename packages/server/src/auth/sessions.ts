// Server-side sessions: the cookie holds a random 32-byte id, the table holds its SHA-256, the user and the
// expiry. Login issues a new id (rotation) and drops the one presented; a password change drops all others.
import type { DbExecutor } from "../db/database.ts";
import { authDb } from "./auth-tables.ts";
import { randomToken, sha256Hex } from "./secrets.ts";

export const SESSION_TTL_MS = 30 * 24 * 3_600_000;

export interface IssuedSession {
  readonly id: string;
  readonly expiresAt: Date;
}

export async function createSession(
  db: DbExecutor,
  userId: string,
  now: Date,
  userAgent: string | null,
): Promise<IssuedSession> {
  const id = randomToken(32);
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await authDb(db)
    .insertInto("sessions")
    .values({
      id_hash: sha256Hex(id),
      user_id: userId,
      created_at: now,
      expires_at: expiresAt,
      user_agent: userAgent?.slice(0, 200) ?? null,
    })
    .execute();
  return { id, expiresAt };
}

/** The user id of a live session, or null (unknown or expired). */
export async function findSessionUser(db: DbExecutor, sessionId: string, now: Date): Promise<string | null> {
  const row = await authDb(db)
    .selectFrom("sessions")
    .select("user_id")
    .where("id_hash", "=", sha256Hex(sessionId))
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return row?.user_id ?? null;
}

export async function deleteSession(db: DbExecutor, sessionId: string): Promise<void> {
  await authDb(db).deleteFrom("sessions").where("id_hash", "=", sha256Hex(sessionId)).execute();
}

export async function deleteSessionsOfUser(db: DbExecutor, userId: string): Promise<void> {
  await authDb(db).deleteFrom("sessions").where("user_id", "=", userId).execute();
}

export async function deleteExpiredSessions(db: DbExecutor, now: Date): Promise<number> {
  const result = await authDb(db).deleteFrom("sessions").where("expires_at", "<=", now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
