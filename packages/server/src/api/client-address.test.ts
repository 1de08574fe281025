import { describe, expect, it } from "vitest";
import { pickClientAddress, throttleAddress } from "./client-address.ts";

describe("pickClientAddress", () => {
  const chain = "6.6.6.6, 203.0.113.7, 10.0.0.2";

  it("without proxies uses the socket's peer and ignores the header", () => {
    expect(pickClientAddress(chain, "127.0.0.1", 0)).toBe("127.0.0.1");
  });

  it("takes the hops-th entry from the right, never a client-written one on the left", () => {
    expect(pickClientAddress(chain, "10.0.0.3", 1)).toBe("10.0.0.2");
    expect(pickClientAddress(chain, "10.0.0.3", 2)).toBe("203.0.113.7");
    expect(pickClientAddress(chain, "10.0.0.3", 3)).toBe("6.6.6.6");
    // A client prepending entries moves nothing the proxies wrote.
    expect(pickClientAddress(`1.1.1.1, 2.2.2.2, ${chain}`, "10.0.0.3", 2)).toBe("203.0.113.7");
  });

  it("falls back to the peer when the header is missing or shorter than the proxy chain", () => {
    expect(pickClientAddress(undefined, "10.0.0.3", 1)).toBe("10.0.0.3");
    expect(pickClientAddress("203.0.113.7", "10.0.0.3", 2)).toBe("10.0.0.3");
    expect(pickClientAddress(" , ", "10.0.0.3", 1)).toBe("10.0.0.3");
  });

  it("reads several X-Forwarded-For headers as one list (Node joins them with commas)", () => {
    expect(pickClientAddress("6.6.6.6,203.0.113.7 ,  10.0.0.2", "peer", 2)).toBe("203.0.113.7");
  });
});

describe("throttleAddress", () => {
  it("keys IPv4 by the address, IPv4-mapped IPv6 as IPv4, with ports and brackets dropped", () => {
    expect(throttleAddress("203.0.113.7")).toBe("203.0.113.7");
    expect(throttleAddress("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(throttleAddress("203.0.113.7:51234")).toBe("203.0.113.7");
  });

  it("keys IPv6 by its /64, so one subscriber's addresses share a budget", () => {
    expect(throttleAddress("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(throttleAddress("[2001:db8:1:2:bbbb::9]:443")).toBe("2001:db8:1:2::/64");
    expect(throttleAddress("2001:db8:1:3::1")).not.toBe(throttleAddress("2001:db8:1:2::1"));
  });

  it("keeps anything else as given, bounded in length", () => {
    expect(throttleAddress("unknown")).toBe("unknown");
    expect(throttleAddress("x".repeat(500)).length).toBe(100);
  });
});
