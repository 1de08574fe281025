// Whether closeout's server answers, as the API client sees it: "online", or "offline" with the time of the
// saved answers the service worker is replaying (null when nothing saved was shown). A page shows a banner and
// tones down live states (a link's "Working") while offline; a probe brings the pages back when it answers.
import { useSyncExternalStore } from "react";

export type Connection =
  | { readonly state: "online" }
  | { readonly state: "offline"; readonly asOf: string | null };

/** Header the service worker adds to an answer it replays from its cache (sw/service-worker.js). */
export const OFFLINE_HEADER = "X-Closeout-Offline";

let current: Connection = { state: "online" };
const listeners = new Set<() => void>();

function set(next: Connection) {
  if (
    next.state === current.state &&
    (next.state === "online" || next.asOf === (current as { asOf: string | null }).asOf)
  )
    return;
  current = next;
  for (const listener of listeners) listener();
}

/** An answer came from the server itself. */
export function markOnline(): void {
  set({ state: "online" });
}

/**
 * No answer from the server: a saved one (its server `Date`, ISO) or none. The oldest saved answer shown
 * names the banner's time, so the banner never claims the figures are newer than they are.
 */
export function markOffline(savedAt: string | null): void {
  const before = current.state === "offline" ? current.asOf : null;
  const asOf = savedAt === null ? before : before === null || savedAt < before ? savedAt : before;
  set({ state: "offline", asOf });
}

export function connection(): Connection {
  return current;
}

export function subscribeConnection(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useConnection(): Connection {
  return useSyncExternalStore(subscribeConnection, connection, connection);
}

/** What a response says about the connection: replayed by the service worker, or fresh from the server. */
export function noteResponse(response: { headers: { get(name: string): string | null } }): void {
  if (response.headers.get(OFFLINE_HEADER) === null) {
    markOnline();
    return;
  }
  const date = response.headers.get("Date");
  const ms = date === null ? Number.NaN : Date.parse(date);
  markOffline(Number.isNaN(ms) ? null : new Date(ms).toISOString());
}
