// The offline banner, and what brings the pages back: while closeout does not answer, a light probe of
// /healthz (and the browser's "online" event) notices its return; then every shown query is fetched again,
// so error panels and replayed figures refresh without the user pressing "Try again".
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { markOffline, markOnline, useConnection } from "../lib/connection.ts";
import { formatLocalDateTime } from "../lib/format.ts";

/** How often a page that lost closeout asks whether it is back. */
export const PROBE_INTERVAL_MS = 5_000;

async function serverAnswers(): Promise<boolean> {
  try {
    const response = await fetch("/healthz", { cache: "no-store", credentials: "omit" });
    return response.ok;
  } catch {
    return false;
  }
}

export function ConnectionBanner() {
  const connection = useConnection();
  const client = useQueryClient();
  const offline = connection.state === "offline";
  const wasOffline = useRef(false);

  // Back online (seen by the probe or by any fresh answer): fetch again everything on screen.
  useEffect(() => {
    if (offline) {
      wasOffline.current = true;
      return;
    }
    if (!wasOffline.current) return;
    wasOffline.current = false;
    void client.invalidateQueries({ refetchType: "active" });
  }, [offline, client]);

  // The browser knows it lost the network before any request fails (react-query then pauses its requests).
  useEffect(() => {
    const lost = () => markOffline(null);
    if (!navigator.onLine) lost();
    window.addEventListener("offline", lost);
    return () => window.removeEventListener("offline", lost);
  }, []);

  useEffect(() => {
    if (!offline) return;
    let stopped = false;
    const probe = async () => {
      if (!stopped && (await serverAnswers()) && !stopped) markOnline();
    };
    const timer = setInterval(probe, PROBE_INTERVAL_MS);
    window.addEventListener("online", probe);
    return () => {
      stopped = true;
      clearInterval(timer);
      window.removeEventListener("online", probe);
    };
  }, [offline]);

  if (connection.state === "online") return null;
  return (
    <div className="notice warn offline-banner" role="status" data-testid="offline-banner">
      <p>
        {connection.asOf ? (
          <>
            <strong>Offline, as of {formatLocalDateTime(connection.asOf)}.</strong> These are the figures
            saved then; they refresh by themselves when closeout answers again.
          </>
        ) : (
          <>
            <strong>closeout cannot be reached.</strong> This page refreshes by itself when it answers again.
          </>
        )}
      </p>
    </div>
  );
}
