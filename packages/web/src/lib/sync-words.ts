// Link and sync states in plain words for the accounts screen and the wizard's progress.
import type { Link, Sync } from "../api/types.ts";
import { formatCountOf } from "./format.ts";

const LINK_STATUS: Readonly<Record<string, string>> = {
  pending: "Waiting for the first sync",
  active: "Working",
  syncing: "Syncing now",
  "token-expiring": "Working; the token expires soon",
  "statement-rejected": "IB sent a statement closeout could not read",
  "account-conflict": "This IB account is already linked by another closeout user",
  error: "The last sync failed",
  disabled: "Turned off",
  "token-expired": "Token expired: generate a new one in IB and paste it here",
  "token-invalid": "IB does not accept the token",
  "ip-restricted": "Token is locked to another IP address",
  "query-invalid": "IB does not know the Query Id",
  "ib-unavailable": "IB is not answering; closeout will retry",
};

export function linkStatusWords(link: Pick<Link, "status" | "statusMessage">): string {
  return LINK_STATUS[link.status] ?? link.statusMessage ?? link.status;
}

const HEALTHY: ReadonlySet<string> = new Set(["pending", "active", "syncing", "token-expiring"]);

export function linkIsHealthy(link: Pick<Link, "status">): boolean {
  return HEALTHY.has(link.status);
}

export function syncIsFinished(sync: Pick<Sync, "status">): boolean {
  return (
    sync.status === "succeeded" ||
    sync.status === "failed" ||
    sync.status === "done" ||
    sync.status === "error"
  );
}

export function syncSucceeded(sync: Pick<Sync, "status">): boolean {
  return sync.status === "succeeded" || sync.status === "done";
}

export function syncWords(sync: Sync): string {
  switch (sync.status) {
    case "queued":
      return "Waiting for its turn…";
    case "running":
      return "Asking IB for your statement and reading it. IB can take a minute to prepare it.";
    case "succeeded":
    case "done":
      return sync.executionsAdded === null
        ? "Finished."
        : `Finished: ${formatCountOf(sync.executionsAdded, "new execution", "new executions")} imported.`;
    default:
      return sync.message ?? (syncIsFinished(sync) ? "The sync did not finish." : `Status: ${sync.status}`);
  }
}

/** The sync shown as "current": the one that started last (the server records a run as it starts). */
export function latestSync(syncs: readonly Sync[]): Sync | null {
  let best: Sync | null = null;
  for (const sync of syncs) {
    if (best === null || sync.startedAt > best.startedAt) best = sync;
  }
  return best;
}

/** Whole days from `today` (yyyy-MM-dd) to `expiresOn` (yyyy-MM-dd); calendar arithmetic, not money. */
export function daysUntil(expiresOn: string | null, today: string): number | null {
  if (!expiresOn || !/^\d{4}-\d{2}-\d{2}$/.test(expiresOn)) return null;
  const ms = Date.parse(`${expiresOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}
