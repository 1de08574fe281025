import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getStatement, SMALL_QUERY, sendRequest } from "./flex-sim.test-support.ts";
import { type FlexSim, startFlexSim } from "./start-flex-sim.ts";

let sim: FlexSim;
beforeEach(async () => {
  sim = await startFlexSim({ seed: 3 });
});
afterEach(async () => {
  await sim.close();
});

describe("fake Flex Web Service, transport faults", () => {
  it("answers HTTP 500 once, then works", async () => {
    sim.registry.addToken("tok", { queries: { "1": SMALL_QUERY }, faults: [{ kind: "http-500", times: 1 }] });
    const url = `${sim.url}/AccountManagement/FlexWebService/SendRequest?t=tok&q=1&v=3`;
    expect((await fetch(url)).status).toBe(500);
    expect((await sendRequest(sim, "tok", "1")).status).toBe("Success");
  });

  it("truncates the statement body: the client sees a broken transfer", async () => {
    sim.registry.addToken("tok", { queries: { "1": SMALL_QUERY }, faults: [{ kind: "truncated-body" }] });
    const sent = await sendRequest(sim, "tok", "1");
    await expect(getStatement(sim, "tok", sent.reference ?? "")).rejects.toThrow();
  });

  it("never answers a timed-out request, and close() still returns", async () => {
    sim.registry.addToken("tok", {
      queries: { "1": SMALL_QUERY },
      faults: [{ kind: "timeout", endpoint: "SendRequest", times: 1 }],
    });
    const url = `${sim.url}/AccountManagement/FlexWebService/SendRequest?t=tok&q=1&v=3`;
    await expect(fetch(url, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect((await sendRequest(sim, "tok", "1")).status).toBe("Success");
  });

  it("404s on other paths", async () => {
    expect((await fetch(`${sim.url}/Universal/servlet/Other`)).status).toBe(404);
  });
});
