// Sync leases: a running sync holds its link until lease_until, which the worker renews while it runs, so a
// run whose worker died is found within a short lease rather than the old 15 minutes. job_id names the queue
// job behind the run, so that job can be cancelled when another worker takes the sync over.
import { type Kysely, sql } from "kysely";

const UP = [
  "alter table sync_runs add column lease_until timestamptz, add column job_id text",
  // Runs left running by an older version keep the lease they had then.
  "update sync_runs set lease_until = started_at + interval '15 minutes' where status = 'running'",
  "create index sync_runs_running_lease_idx on sync_runs (lease_until) where status = 'running'",
  // Pruning deletes by age.
  "create index sync_runs_started_idx on sync_runs (started_at)",
  "create index login_throttle_updated_idx on login_throttle (updated_at)",
];

const DOWN = [
  "drop index if exists login_throttle_updated_idx",
  "drop index if exists sync_runs_started_idx",
  "drop index if exists sync_runs_running_lease_idx",
  "alter table sync_runs drop column lease_until, drop column job_id",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
