// The user as the API shows it. The database keeps "private" for a profile that is off.
import type { DbExecutor } from "../db/database.ts";

export type PublicProfile = "off" | "percent" | "full";

export interface ApiUser {
  id: string;
  email: string;
  handle: string | null;
  publicProfile: PublicProfile;
}

export function profileFromDb(value: string): PublicProfile {
  return value === "percent" || value === "full" ? value : "off";
}

export function profileToDb(value: PublicProfile): "private" | "percent" | "full" {
  return value === "off" ? "private" : value;
}

export async function loadApiUser(db: DbExecutor, userId: string): Promise<ApiUser | null> {
  const row = await db
    .selectFrom("users")
    .select(["id", "email", "handle", "public_profile"])
    .where("id", "=", userId)
    .executeTakeFirst();
  return row
    ? { id: row.id, email: row.email, handle: row.handle, publicProfile: profileFromDb(row.public_profile) }
    : null;
}

/** PostgreSQL's unique_violation, as pg and PGlite report it. */
export function isUniqueViolation(error: unknown, constraintPart?: string): boolean {
  if (typeof error !== "object" || error === null || (error as { code?: unknown }).code !== "23505")
    return false;
  if (constraintPart === undefined) return true;
  const c = (error as { constraint?: unknown }).constraint;
  return typeof c === "string" ? c.includes(constraintPart) : true;
}
