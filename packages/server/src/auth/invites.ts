// Single-use sign-up invites (CLOSEOUT_SIGNUP=invite), created by `closeout invite`. Only a SHA-256 of the
// code is stored, so a database leak hands out no usable invite. A code is used up by the same transaction
// that creates the user, with one conditional update: two sign-ups racing on one code cannot both win.
import type { DbExecutor } from "../db/database.ts";
import { authDb } from "./auth-tables.ts";
import { randomToken, sha256Hex } from "./secrets.ts";

export const DEFAULT_INVITE_DAYS = 7;

export interface Invite {
  readonly code: string;
  readonly expiresAt: Date;
}

export type InviteProblem = "wrong" | "used" | "expired";

export async function createInvite(db: DbExecutor, now: Date, expiresDays: number): Promise<Invite> {
  const code = randomToken(18);
  const expiresAt = new Date(now.getTime() + expiresDays * 86_400_000);
  await authDb(db)
    .insertInto("invites")
    .values({
      code_hash: sha256Hex(code),
      created_at: now,
      expires_at: expiresAt,
      used_at: null,
      used_by: null,
    })
    .execute();
  return { code, expiresAt };
}

/** Why a code cannot be used now, or null; a read only, so that a sign-up with a taken e-mail uses nothing. */
export async function inviteProblem(db: DbExecutor, code: string, now: Date): Promise<InviteProblem | null> {
  const row = await authDb(db)
    .selectFrom("invites")
    .select(["used_at", "expires_at"])
    .where("code_hash", "=", sha256Hex(code))
    .executeTakeFirst();
  if (!row) return "wrong";
  if (row.used_at !== null) return "used";
  return new Date(row.expires_at).getTime() <= now.getTime() ? "expired" : null;
}

/** Uses the code up for `userId`; false when it was wrong, used (also a moment ago) or expired. */
export async function claimInvite(db: DbExecutor, code: string, userId: string, now: Date): Promise<boolean> {
  const row = await authDb(db)
    .updateTable("invites")
    .set({ used_at: now, used_by: userId })
    .where("code_hash", "=", sha256Hex(code))
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .returning("code_hash")
    .executeTakeFirst();
  return row !== undefined;
}
