// Account returns through a Flex link over real HTTP (issue #16): flex-sim on loopback serves a query with the
// account sections; the link's pull stores the cash and NAV rows as `link` rows of the user's account, and
// GET /api/returns gives `closeout returns`'s figures for that statement, verified.
import { computeReturns, parseFlex, returnsToJson } from "@closeout/core";
import { type FlexSim, generateStatement, startFlexSim } from "@closeout/flex-sim";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFlexClient } from "../flex-client/flex-client.ts";
import { DB_KINDS, dbKindEnabled, releaseTestPostgres } from "../test-support/test-database.ts";
import { createTestApp, signUp, type TestApp } from "./api-test-support.ts";

const TOKEN = "482915736104928371650777";
const QUERY = "900101";
const STATEMENT = {
  seed: 19,
  accounts: ["U4440001"],
  executions: 150,
  fromDate: "2025-01-02",
  toDate: "2025-12-31",
  accountSections: true,
} as const;

let sim: FlexSim;
beforeAll(async () => {
  sim = await startFlexSim({ seed: 7 });
  sim.registry.addToken(TOKEN, { queries: { [QUERY]: STATEMENT }, pollsBeforeReady: 1 });
});
afterAll(async () => {
  await sim.close();
  await releaseTestPostgres();
});

describe.each(DB_KINDS)("account returns of a linked account on %s", (kind) => {
  let t: TestApp;
  beforeEach(async () => {
    if (!dbKindEnabled(kind)) return;
    const flexClient = createFlexClient({
      baseUrl: `${sim.url}/AccountManagement/FlexWebService`,
      pollDelaysMs: [10],
    });
    t = await createTestApp(kind, { flexClient, runSyncs: true });
  });
  afterEach(async () => {
    if (dbKindEnabled(kind)) await t.close();
  });
  const test = it.skipIf(!dbKindEnabled(kind));

  test("the link's pull stores the rows as link rows; /api/returns equals the CLI and is verified", async () => {
    const { client } = await signUp(t);
    const res = await client.post("/api/links", { token: TOKEN, queryId: QUERY });
    expect(res.status).toBe(201);
    const provenance = await t.db.kysely
      .selectFrom("cash_transactions")
      .select(({ fn }) => ["provenance", fn.countAll<string>().as("n")])
      .groupBy("provenance")
      .execute();
    expect(provenance.map((r) => [r.provenance, Number(r.n) > 0])).toEqual([["link", true]]);

    const cli = returnsToJson(computeReturns(parseFlex(generateStatement(STATEMENT))));
    const answer = await client.get("/api/returns");
    expect(answer.status).toBe(200);
    const [a] = answer.json.accounts;
    const { id, verified, trailing, costs, ...figures } = a;
    expect(verified).toBe(true);
    expect(figures).toEqual(cli.accounts[0]);
    expect(figures.reconciliation.status).toBe("matches");
    expect(Number(figures.deposits)).toBeGreaterThan(0);
  });
});
