// Users: rows mapped to the domain type here and nowhere else. Emails are compared lower-cased.
import type { DbExecutor } from "./database.ts";
import type { PublicProfile, UserRow } from "./schema.ts";

export type PublicProfileMode = PublicProfile;

export interface User {
  readonly id: string;
  readonly email: string;
  readonly handle: string | null;
  readonly publicProfile: PublicProfileMode;
  readonly createdAt: string;
}

export interface NewUser {
  readonly email: string;
  readonly passwordHash: string;
  readonly handle?: string | null;
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    handle: row.handle,
    publicProfile: row.public_profile,
    createdAt: row.created_at.toISOString(),
  };
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function createUser(db: DbExecutor, user: NewUser): Promise<User> {
  const row = await db
    .insertInto("users")
    .values({
      email: normalizeEmail(user.email),
      password_hash: user.passwordHash,
      handle: user.handle ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toUser(row);
}

export async function findUserById(db: DbExecutor, id: string): Promise<User | null> {
  const row = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function findUserByEmail(db: DbExecutor, email: string): Promise<User | null> {
  const row = await db
    .selectFrom("users")
    .selectAll()
    .where("email", "=", normalizeEmail(email))
    .executeTakeFirst();
  return row ? toUser(row) : null;
}

/** The stored password hash, for sign-in only. */
export async function findPasswordHash(
  db: DbExecutor,
  email: string,
): Promise<{ userId: string; hash: string } | null> {
  const row = await db
    .selectFrom("users")
    .select(["id", "password_hash"])
    .where("email", "=", normalizeEmail(email))
    .executeTakeFirst();
  return row ? { userId: row.id, hash: row.password_hash } : null;
}

export async function findUserByHandle(db: DbExecutor, handle: string): Promise<User | null> {
  const row = await db.selectFrom("users").selectAll().where("handle", "=", handle).executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function updatePublicProfile(
  db: DbExecutor,
  userId: string,
  mode: PublicProfileMode,
  handle?: string | null,
): Promise<void> {
  await db
    .updateTable("users")
    .set(handle === undefined ? { public_profile: mode } : { public_profile: mode, handle })
    .where("id", "=", userId)
    .execute();
}
