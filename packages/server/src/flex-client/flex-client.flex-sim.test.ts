// The Flex client against flex-sim over real HTTP on loopback: polling, every class of IB error, pacing,
// broken and slow bodies, HTTP 500, timeouts, a redirect to a foreign host, and the token kept out of errors.
import type { FlexSim, FlexSimFault, FlexSimToken } from "@closeout/flex-sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createVirtualClock, smallQuery, startTestFlexSim, testFlexClient } from "../sync/sync-test-kit.ts";
import type { FetchLike, FlexClientOptions } from "./flex-client.ts";
import { FlexServiceError } from "./flex-service-error.ts";
import { IB_FLEX_LIMITS, TokenPacer } from "./token-pacer.ts";

let sim: FlexSim;
let n = 0;

beforeAll(async () => {
  sim = await startTestFlexSim(11);
});
afterAll(async () => {
  await sim.close();
});

function register(config: Omit<FlexSimToken, "queries"> = {}): { token: string; queryId: string } {
  n++;
  const token = `tok${n}SECRET${"x".repeat(12)}`;
  const queryId = `${100 + n}`;
  sim.registry.addToken(token, {
    ...config,
    queries: { [queryId]: smallQuery("U7000001", { executions: 10 }) },
  });
  return { token, queryId };
}

async function failure(
  config: Omit<FlexSimToken, "queries">,
  options: FlexClientOptions = {},
): Promise<{ error: FlexServiceError; token: string }> {
  const creds = register(config);
  const error = await testFlexClient(sim, options)
    .fetchStatement(creds)
    .then(
      () => null,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(FlexServiceError);
  const flexError = error as FlexServiceError;
  // The token must never appear in anything that could be logged or shown.
  const visible = `${flexError.message} ${flexError.stack ?? ""} ${JSON.stringify(flexError)} ${String(flexError)}`;
  expect(visible).not.toContain(creds.token);
  expect(visible).not.toContain("SECRET");
  return { error: flexError, token: creds.token };
}

const onError = (
  code: 1009 | 1012 | 1013 | 1015 | 1018 | 1020,
  endpoint?: "SendRequest" | "GetStatement",
): FlexSimFault => ({
  kind: "error",
  code,
  ...(endpoint ? { endpoint } : {}),
});

describe("flex client against flex-sim", () => {
  it("returns the statement after IB generated it for a few polls", async () => {
    const creds = register({ pollsBeforeReady: 3 });
    const phases: string[] = [];
    const fetched = await testFlexClient(sim).fetchStatement(creds, (p) => phases.push(p.phase));
    expect(fetched.polls).toBe(4);
    expect(fetched.xml).toContain("<FlexQueryResponse");
    expect(fetched.referenceCode).toMatch(/^\d+$/);
    expect(phases).toEqual(["requesting", "downloading", "waiting", "waiting", "waiting", "done"]);
    expect(sim.registry.requestCounts(creds.token)).toEqual({ sendRequest: 1, getStatement: 4 });
  });

  it("gives up with a transient error when the statement is never ready", async () => {
    const { error } = await failure({ pollsBeforeReady: 100 }, { maxPolls: 3 });
    expect(error.retry).toBe("transient");
    expect(error.message).toMatch(/still generating/);
  });

  it.each([
    ["expired token (1012)", { expired: true }, "1012", "fatal", "token-expired"],
    ["unknown token (1015)", { invalid: true }, "1015", "fatal", "token-invalid"],
    ["IP restriction (1013)", { ipRestricted: true }, "1013", "fatal", "ip-restricted"],
    ["inactive service account (1011)", { inactive: true }, "1011", "fatal", "token-invalid"],
    [
      "too many requests (1018)",
      { faults: [onError(1018, "SendRequest")] },
      "1018",
      "throttled",
      "ib-unavailable",
    ],
    [
      "heavy load (1009)",
      { faults: [{ kind: "heavy-load", times: 5 }] },
      "1009",
      "transient",
      "ib-unavailable",
    ],
    [
      "1018 while polling",
      { faults: [onError(1018, "GetStatement")] },
      "1018",
      "throttled",
      "ib-unavailable",
    ],
    ["invalid request (1020)", { faults: [onError(1020)] }, "1020", "transient", "ib-unavailable"],
  ] as const)("classifies %s", async (_name, config, code, retry, linkStatus) => {
    const { error } = await failure(config as Omit<FlexSimToken, "queries">);
    expect(error.kind).toBe("ib-error");
    expect(error.ibCode).toBe(code);
    expect(error.retry).toBe(retry);
    expect(error.info.linkStatus).toBe(linkStatus);
    if (retry === "throttled") expect(error.retryAfterMs).toBeGreaterThanOrEqual(60_000);
    if (retry === "fatal") expect(error.retryAfterMs).toBeNull();
  });

  it("classifies an unknown query id (1014) as query-invalid", async () => {
    const creds = register();
    const error = await testFlexClient(sim)
      .fetchStatement({ token: creds.token, queryId: "999999" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlexServiceError);
    expect((error as FlexServiceError).ibCode).toBe("1014");
    expect((error as FlexServiceError).info.linkStatus).toBe("query-invalid");
  });

  it("reports HTTP 500 as a transient failure", async () => {
    const { error } = await failure({ faults: [{ kind: "http-500", endpoint: "SendRequest" }] });
    expect(error.kind).toBe("http-status");
    expect(error.retry).toBe("transient");
    expect(error.message).toContain("HTTP 500");
  });

  it("reports a 404 from a base URL without the service path as a wrong address, not to be retried", async () => {
    const { error } = await failure({}, { baseUrl: sim.url });
    expect(error.kind).toBe("not-found");
    expect(error.retry).toBe("fatal");
    expect(error.message).toMatch(/HTTP 404 \(not found\), so the Flex base URL is wrong/);
    expect(error.message).toContain("/AccountManagement/FlexWebService");
    expect(error.message).not.toContain("try again later");
  });

  it("times out a request IB never answers, after timeoutMs", async () => {
    const started = Date.now();
    const { error } = await failure(
      { faults: [{ kind: "timeout", endpoint: "GetStatement" }] },
      { timeoutMs: 200 },
    );
    expect(error.kind).toBe("timeout");
    expect(error.retry).toBe("transient");
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("reports a body cut off mid-download as a network failure", async () => {
    const { error } = await failure({ faults: [{ kind: "truncated-body" }] });
    expect(error.kind).toBe("network");
    expect(error.retry).toBe("transient");
  });

  it("waits for a slow body to finish", async () => {
    const creds = register({ faults: [{ kind: "slow-body", bytesPerTick: 4096, intervalMs: 1 }] });
    const fetched = await testFlexClient(sim).fetchStatement(creds);
    expect(fetched.xml.trimEnd()).toMatch(/<\/FlexQueryResponse>$/);
  });

  it("times out a body that trickles for longer than timeoutMs", async () => {
    const { error } = await failure(
      { faults: [{ kind: "slow-body", bytesPerTick: 64, intervalMs: 20 }] },
      { timeoutMs: 300 },
    );
    expect(["timeout", "network"]).toContain(error.kind);
    expect(error.retry).toBe("transient");
  });

  it("refuses to follow a statement URL to a host that is neither IB nor the configured base", async () => {
    const realFetch: FetchLike = (url, init) => fetch(url, init);
    const redirecting: FetchLike = async (url, init) => {
      const response = await realFetch(url, init);
      if (!url.includes("/SendRequest")) return response;
      const body = (await response.text()).replace(
        /<Url>[^<]*<\/Url>/,
        "<Url>http://evil.example.com/GetStatement</Url>",
      );
      return { status: response.status, text: async () => body };
    };
    const { error } = await failure({}, { fetch: redirecting });
    expect(error.kind).toBe("disallowed-host");
    expect(error.retry).toBe("fatal");
  });

  it("paces one token's requests inside IB's limits, so the simulator's rate limit never answers 1018", async () => {
    const clock = createVirtualClock();
    const paced = await startTestFlexSim(12, clock.now);
    try {
      const token = "pacedTOKENsecret000000";
      paced.registry.addToken(token, {
        queries: { "1": smallQuery("U7000002", { executions: 5 }) },
        faults: [{ kind: "rate-limit", perSecond: 1, perMinute: 10 }],
      });
      const client = testFlexClient(paced, { clock, pacer: new TokenPacer(clock, IB_FLEX_LIMITS) });
      const started = clock.now();
      for (let i = 0; i < 6; i++) await client.fetchStatement({ token, queryId: "1" });
      expect(paced.registry.requestCounts(token)).toEqual({ sendRequest: 6, getStatement: 6 });
      // 12 requests at ≤ 10 per minute: the pacer must have waited (in virtual time) past the first minute.
      expect(clock.now() - started).toBeGreaterThanOrEqual(60_000);
    } finally {
      await paced.close();
    }
  });

  it("without pacing, the simulator's rate limit answers 1018", async () => {
    const clock = createVirtualClock();
    const paced = await startTestFlexSim(13, clock.now);
    try {
      const token = "unpacedTOKENsecret0000";
      paced.registry.addToken(token, {
        queries: { "1": smallQuery("U7000003", { executions: 5 }) },
        faults: [{ kind: "rate-limit", perSecond: 1, perMinute: 10 }],
      });
      const error = await testFlexClient(paced, { clock })
        .fetchStatement({ token, queryId: "1" })
        .catch((e: unknown) => e);
      expect((error as FlexServiceError).ibCode).toBe("1018");
    } finally {
      await paced.close();
    }
  });
});
