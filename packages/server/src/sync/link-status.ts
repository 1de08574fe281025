// What a link's `status` column says after a sync, and which statuses stop the daily schedule until the user
// acts (a new token, a fixed query). The message beside it always says what to do, in plain words.
export type SyncLinkStatus =
  | "pending"
  | "active"
  /** Syncs work, but the token expires within the warning window. */
  | "token-expiring"
  | "token-expired"
  | "token-invalid"
  | "ip-restricted"
  | "query-invalid"
  /** IB failed for now (1018, 1001…, timeouts): retried with backoff, then at the next daily run. */
  | "ib-unavailable"
  /** The statement could not be read (truncated, malformed, not a Flex statement); nothing was stored. */
  | "statement-rejected"
  /** The statement is of an IB account another closeout user has linked; nothing was stored. */
  | "account-conflict"
  | "error"
  /** Turned off by the user. */
  | "disabled";

/** Retrying cannot help: the daily schedule leaves these links alone until the link is updated. */
export const STOPPED_LINK_STATUSES: readonly SyncLinkStatus[] = [
  "token-expired",
  "token-invalid",
  "ip-restricted",
  "query-invalid",
  "account-conflict",
  "disabled",
];
