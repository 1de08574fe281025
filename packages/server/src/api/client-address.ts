// The client's address for login throttling: the socket's peer, or the first X-Forwarded-For hop when the
// server runs behind a trusted proxy (config). Tests through app.request() have no socket: "local".
import type { IncomingMessage } from "node:http";
import type { Context } from "hono";

export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header("X-Forwarded-For")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? "local";
}
