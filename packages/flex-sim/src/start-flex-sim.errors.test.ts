import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FLEX_ERRORS, type FlexErrorCode } from "./flex-errors.ts";
import { getStatement, readEnvelope, SMALL_QUERY, sendRequest } from "./flex-sim.test-support.ts";
import { type FlexSim, startFlexSim } from "./start-flex-sim.ts";

let sim: FlexSim;
let clock = 1_750_000_000_000;
beforeEach(async () => {
  sim = await startFlexSim({ seed: 2, now: () => clock });
});
afterEach(async () => {
  await sim.close();
});

const queries = { "42": SMALL_QUERY };

describe("fake Flex Web Service, IB error codes", () => {
  it.each([
    ["expired token", { expired: true }, 1012, "Token has expired."],
    ["invalid token", { invalid: true }, 1015, "Token is invalid."],
    ["IP restriction", { ipRestricted: true }, 1013, "IP restriction."],
    ["inactive service account", { inactive: true }, 1011, "Service account is inactive."],
  ] as const)("%s fails SendRequest with its code", async (_name, flags, code, message) => {
    sim.registry.addToken("tok", { queries, ...flags });
    expect(await sendRequest(sim, "tok", "42")).toMatchObject({ status: "Fail", code, message });
  });

  it("unknown token is 1015, unknown query 1014, unknown reference 1017, missing parameters 1020", async () => {
    sim.registry.addToken("tok", { queries });
    expect((await sendRequest(sim, "nobody", "42")).code).toBe(1015);
    expect((await sendRequest(sim, "tok", "999")).code).toBe(1014);
    expect(readEnvelope((await getStatement(sim, "tok", "1234567890")).text).code).toBe(1017);
    const bare = await fetch(`${sim.url}/AccountManagement/FlexWebService/SendRequest?v=3`);
    expect(readEnvelope(await bare.text()).code).toBe(1020);
  });

  it("a reference of another token is invalid for this one", async () => {
    sim.registry.addToken("a", { queries });
    sim.registry.addToken("b", { queries });
    const sent = await sendRequest(sim, "a", "42");
    expect(readEnvelope((await getStatement(sim, "b", sent.reference ?? "")).text).code).toBe(1017);
  });

  const codes = Object.keys(FLEX_ERRORS).map(Number) as FlexErrorCode[];
  it.each(codes)("injected error %i reaches the client with IB's message", async (code) => {
    sim.registry.addToken("tok", {
      queries,
      faults: [{ kind: "error", code, endpoint: "GetStatement", times: 1 }],
    });
    const sent = await sendRequest(sim, "tok", "42");
    const failed = readEnvelope((await getStatement(sim, "tok", sent.reference ?? "")).text);
    expect(failed).toMatchObject({
      status: code === 1019 ? "Warn" : "Fail",
      code,
      message: FLEX_ERRORS[code],
    });
    expect((await getStatement(sim, "tok", sent.reference ?? "")).text).toContain("<FlexQueryResponse");
  });

  it("heavy load answers 1009 the given number of times, then succeeds", async () => {
    sim.registry.addToken("tok", {
      queries,
      faults: [{ kind: "heavy-load", times: 2, endpoint: "SendRequest" }],
    });
    expect((await sendRequest(sim, "tok", "42")).code).toBe(1009);
    expect((await sendRequest(sim, "tok", "42")).code).toBe(1009);
    expect((await sendRequest(sim, "tok", "42")).status).toBe("Success");
  });

  it("rate limit: more than 1 request per second or 10 per minute gets 1018", async () => {
    sim.registry.addToken("tok", { queries, faults: [{ kind: "rate-limit" }] });
    expect((await sendRequest(sim, "tok", "42")).status).toBe("Success");
    const tooFast = await sendRequest(sim, "tok", "42");
    expect(tooFast).toMatchObject({
      code: 1018,
      message: "Too many requests have been made from this token. Please try again shortly.",
    });
    for (let i = 0; i < 8; i++) {
      clock += 1_500;
      expect((await sendRequest(sim, "tok", "42")).status).toBe("Success");
    }
    clock += 1_500;
    expect((await sendRequest(sim, "tok", "42")).code).toBe(1018);
    clock += 60_000;
    expect((await sendRequest(sim, "tok", "42")).status).toBe("Success");
    expect(sim.registry.requestCounts("tok").sendRequest).toBe(12);
  });
});
