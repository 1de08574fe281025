// The client's address for throttling. Behind `hops` trusted reverse proxies, each proxy appends the address it
// received the request from to X-Forwarded-For, so the client is the hops-th entry from the RIGHT; entries to
// its left were written by the client and are never used. Without proxies (hops 0) it is the socket's peer.
// Tests through app.request() have no socket: "local".
import type { IncomingMessage } from "node:http";
import type { Context } from "hono";
import ipaddr from "ipaddr.js";

/** The address the hops-th proxy from the server saw; the socket's peer when the header has fewer entries. */
export function pickClientAddress(forwardedFor: string | undefined, peer: string, hops: number): string {
  if (hops <= 0 || forwardedFor === undefined) return peer;
  const entries = forwardedFor
    .split(",")
    .map((e) => e.trim())
    .filter((e) => e !== "");
  // Fewer entries than proxies: the chain is not what the configuration says, so no entry can be trusted.
  return entries[entries.length - hops] ?? peer;
}

/**
 * The throttling key of an address: IPv4-mapped IPv6 as IPv4, and IPv6 by its /64 (one subscriber's usual
 * allocation, which would otherwise give an attacker 2^64 fresh addresses). Anything unparsable stays as is.
 */
export function throttleAddress(address: string): string {
  const bare = address.replace(/^\[([^\]]+)\](?::\d+)?$/, "$1").replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, "$1");
  if (!ipaddr.isValid(bare)) return address.slice(0, 100);
  const ip = ipaddr.process(bare);
  if (ip.kind() === "ipv4") return ip.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${ip.toString()}/64`).toString()}/64`;
}

export function clientAddress(c: Context, proxyHops: number): string {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const peer = incoming?.socket?.remoteAddress ?? "local";
  return throttleAddress(pickClientAddress(c.req.header("X-Forwarded-For"), peer, proxyHops));
}
