import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getStatement, readEnvelope, SMALL_QUERY, sendRequest } from "./flex-sim.test-support.ts";
import { generateStatement } from "./generate-statement.ts";
import { type FlexSim, startFlexSim } from "./start-flex-sim.ts";

let sim: FlexSim;
beforeEach(async () => {
  sim = await startFlexSim({ seed: 1 });
});
afterEach(async () => {
  await sim.close();
});

describe("fake Flex Web Service, happy path", () => {
  it("answers SendRequest with a reference and IB's GetStatement URL, then 1019 until ready, then the statement", async () => {
    sim.registry.addToken("tok-ready", { queries: { "900001": SMALL_QUERY }, pollsBeforeReady: 2 });
    const sent = await sendRequest(sim, "tok-ready", "900001");
    expect(sent.status).toBe("Success");
    expect(sent.reference).toMatch(/^\d{10}$/);
    expect(sent.url).toBe(`${sim.url}/AccountManagement/FlexWebService/GetStatement`);
    for (let poll = 0; poll < 2; poll++) {
      const pending = readEnvelope((await getStatement(sim, "tok-ready", sent.reference ?? "")).text);
      expect(pending).toMatchObject({
        code: 1019,
        message: "Statement generation in progress. Please try again shortly.",
      });
    }
    const statement = await getStatement(sim, "tok-ready", sent.reference ?? "");
    expect(statement.status).toBe(200);
    expect(statement.text).toBe(generateStatement(SMALL_QUERY));
    expect(sim.registry.requestCounts("tok-ready")).toEqual({ sendRequest: 1, getStatement: 3 });
  });

  it("serves a fixed statement and streams a large generated one completely", async () => {
    const fixed =
      '<FlexQueryResponse queryName="q" type="AF"><FlexStatements count="0"/></FlexQueryResponse>';
    sim.registry.addToken("tok-fixed", {
      queries: { "1": { xml: fixed }, "2": { ...SMALL_QUERY, executions: 20_000 } },
    });
    const one = await sendRequest(sim, "tok-fixed", "1");
    expect((await getStatement(sim, "tok-fixed", one.reference ?? "")).text).toBe(fixed);
    const two = await sendRequest(sim, "tok-fixed", "2");
    const big = await getStatement(sim, "tok-fixed", two.reference ?? "");
    expect(big.text.length).toBeGreaterThan(5_000_000);
    expect(big.text.endsWith("</FlexQueryResponse>\n")).toBe(true);
  });

  it("delivers a slow body completely", async () => {
    sim.registry.addToken("tok-slow", {
      queries: { "1": SMALL_QUERY },
      faults: [{ kind: "slow-body", bytesPerTick: 16_384, intervalMs: 1 }],
    });
    const sent = await sendRequest(sim, "tok-slow", "1");
    expect((await getStatement(sim, "tok-slow", sent.reference ?? "")).text).toBe(
      generateStatement(SMALL_QUERY),
    );
  });
});
