// Row types of the tables the auth module owns (migrations 2026-11-26-auth, 2026-12-03-login-limits). They are
// added to the shared schema with Kysely's withTables, so the other modules' schema file stays theirs.
import type { Kysely, Transaction } from "kysely";
import type { DbExecutor } from "../db/database.ts";
import type { Schema } from "../db/schema.ts";

export type SessionsTable = {
  id_hash: string;
  user_id: string;
  created_at: Date | string;
  expires_at: Date | string;
  user_agent: string | null;
};

export type LoginThrottleTable = {
  key: string;
  failures: number;
  locked_until: Date | string | null;
  updated_at: Date | string;
  /** Whether the latest reservation went through (migration 2026-12-03-login-limits). */
  last_admitted: boolean;
};

export type InvitesTable = {
  code_hash: string;
  created_at: Date | string;
  expires_at: Date | string;
  used_at: Date | string | null;
  used_by: string | null;
};

export type AuthTables = {
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  invites: InvitesTable;
};

export type AuthDb = Kysely<Schema & AuthTables> | Transaction<Schema & AuthTables>;

export function authDb(db: DbExecutor): AuthDb {
  return db.withTables<AuthTables>();
}
