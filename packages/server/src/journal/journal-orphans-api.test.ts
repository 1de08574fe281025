// Orphans through HTTP: notes whose trade an older statement dissolved are listed with what they were attached
// to, and can be reattached to another trade or deleted, by their owner only.
// The public profile shows statistics only for the tags the user published, and never a note.
import { type Execution, type FlexData, parseFlex } from "@closeout/core";
import { generateStatement } from "@closeout/flex-sim";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, signUp, type TestApp } from "../api/api-test-support.ts";
import { importFlexData } from "../db/import-flex-data.ts";
import { TRADE_REBUILD } from "../sync/rebuild-account-trades.ts";
import { createFakeLink } from "../test-support/create-fake-link.ts";
import { fixtureExecution, fixtureFlexData, fixtureXml } from "../test-support/flex-fixtures.ts";
import { DB_KINDS, dbKindEnabled, releaseTestPostgres } from "../test-support/test-database.ts";

afterAll(releaseTestPostgres);

function statement(fills: Record<number, "+" | "-">, accountId = "U1111111"): FlexData {
  const base = fixtureFlexData({ executions: [], accountId, withOpenPositions: false });
  const executions: Execution[] = Object.entries(fills).map(([n, sign]) =>
    fixtureExecution({ n: Number(n), accountId, quantity: sign === "+" ? "100" : "-100" }),
  );
  return { ...base, executions };
}

describe.each(DB_KINDS)("journal orphans and the public profile on %s", (kind) => {
  let t: TestApp;
  beforeEach(async () => {
    if (dbKindEnabled(kind)) t = await createTestApp(kind, { publicMinTrades: 5 });
  });
  afterEach(async () => {
    if (dbKindEnabled(kind)) await t.close();
  });
  const test = it.skipIf(!dbKindEnabled(kind));

  test("orphans are listed with their trade and can be reattached or deleted", async () => {
    const { client, user } = await signUp(t);
    const importData = (data: FlexData) =>
      importFlexData(t.db, { userId: user.id, data, rawXml: fixtureXml(data), ...TRADE_REBUILD });
    await importData(statement({ 2: "+", 3: "-", 4: "+", 5: "-" }));
    const before = (await client.get("/api/trades?sort=closedAt")).json.trades as { id: string }[];
    expect(before).toHaveLength(2);
    await client.put(`/api/trades/${before[0]!.id}/journal`, { note: "first", tags: ["setup:gap"] });
    await client.put(`/api/trades/${before[1]!.id}/journal`, { note: "second", tags: ["mistake:size"] });

    await importData(statement({ 1: "+" }));
    expect((await client.get("/api/trades")).json.total).toBe(0);
    const orphans = (await client.get("/api/journal/orphans")).json;
    expect(orphans.count).toBe(2);
    expect(
      orphans.orphans.map((o: { note: string; attachedTo: { tradeId: string; symbol: string } }) => [
        o.note,
        o.attachedTo.tradeId,
        o.attachedTo.symbol,
      ]),
    ).toEqual([
      ["first", before[0]!.id, "AAPL"],
      ["second", before[1]!.id, "AAPL"],
    ]);

    // Another account's trade to reattach to.
    await importData(statement({ 20: "+", 21: "-" }, "U2222222"));
    const target = ((await client.get("/api/trades")).json.trades as { id: string }[])[0]!;
    const [first, second] = orphans.orphans as { id: string }[];
    const re = await client.post(`/api/journal/entries/${first!.id}/reattach`, { tradeId: target.id });
    expect(re.status).toBe(200);
    expect(re.json.journal).toMatchObject({ note: "first", tags: ["setup:gap"] });
    expect((await client.delete(`/api/journal/entries/${second!.id}`)).status).toBe(200);
    expect((await client.delete(`/api/journal/entries/${second!.id}`)).status).toBe(404);
    expect((await client.get("/api/journal/orphans")).json.count).toBe(0);
    expect((await client.get(`/api/trades/${target.id}`)).json.journal.note).toBe("first");

    // Saved again on its new trade, it counts in the tag filter there.
    const keep = await client.put(`/api/trades/${target.id}/journal`, { note: "first", tags: ["setup:gap"] });
    expect(keep.status).toBe(200);
    expect((await client.get("/api/stats?tag=setup:gap")).json.summary.trades).toBe("1");

    const other = await signUp(t);
    expect(
      (await other.client.post(`/api/journal/entries/${first!.id}/reattach`, { tradeId: target.id })).status,
    ).toBe(404);
    expect((await other.client.delete(`/api/journal/entries/${first!.id}`)).status).toBe(404);
    expect((await client.get(`/api/trades/${target.id}`)).json.journal.note).toBe("first");
  });

  test("the public profile shows no note and no tag name unless published, then percentages only", async () => {
    const xml = generateStatement({
      seed: 5,
      accounts: 1,
      executions: 120,
      fromDate: "2025-01-02",
      toDate: "2025-06-30",
    });
    const { client, user } = await signUp(t);
    const link = await createFakeLink(t.db.kysely, user.id);
    await importFlexData(t.db, {
      userId: user.id,
      linkId: link.id,
      data: parseFlex(xml),
      rawXml: xml,
      ...TRADE_REBUILD,
    });
    const trades = (await client.get("/api/trades?limit=500")).json.trades as { id: string }[];
    await client.put(`/api/trades/${trades[0]!.id}/journal`, {
      note: "SECRET-NOTE",
      tags: ["shown-tag"],
      plannedRisk: "100",
    });
    await client.put(`/api/trades/${trades[1]!.id}/journal`, {
      note: "SECRET-TWO",
      tags: ["hidden-tag", "shown-tag"],
    });
    await client.put("/api/me/profile", { publicProfile: "percent", handle: "jay" });

    const before = await client.get("/api/public/jay");
    expect(before.status).toBe(200);
    expect(before.json.profile.byTag).toEqual([]);
    expect(before.text).not.toMatch(/SECRET|shown-tag|hidden-tag/);

    await client.put("/api/journal/settings", { defaultRisk: null, publicTags: ["shown-tag"] });
    const after = await client.get("/api/public/jay");
    expect(after.text).not.toMatch(/SECRET|hidden-tag/);
    expect(after.json.profile.byTag).toHaveLength(1);
    const row = after.json.profile.byTag[0];
    expect(row).toMatchObject({ key: "shown-tag", trades: "2", rTrades: "1" });
    expect(Object.keys(row).sort()).toEqual(
      [
        "avgLossPct",
        "avgReturnPct",
        "avgWinPct",
        "averageR",
        "key",
        "label",
        "profitFactor",
        "rTrades",
        "trades",
        "winRate",
      ].sort(),
    );
  });
});
