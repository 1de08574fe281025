// `closeout journal import/export` and `trades --journal` on an embedded data dir: importing a journal twice
// adds nothing, `trades --json` stays equal to `report --json`, and `--journal` adds each trade's journal.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateStatement } from "@closeout/flex-sim";
import { afterAll, describe, expect, it } from "vitest";
import { captureIo } from "./cli-io.ts";
import { runCli } from "./run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "closeout-journal-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]) {
  const io = captureIo({});
  const code = await runCli(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe("journal on the command line", () => {
  it("imports a journal once, shows it with trades --journal and exports it back", async () => {
    const file = join(dir, "year.xml");
    writeFileSync(
      file,
      generateStatement({
        seed: 3,
        accounts: 1,
        executions: 120,
        fromDate: "2025-01-02",
        toDate: "2025-06-30",
      }),
    );
    const dataDir = join(dir, "data");
    expect((await run(["import", file, "--data-dir", dataDir])).code).toBe(0);
    const report = JSON.parse((await run(["report", file, "--json"])).stdout);
    const trade = report.trades[2];
    const doc = {
      format: "closeout-journal",
      version: 1,
      settings: { defaultRisk: null, publicTags: [] },
      entries: [
        {
          id: "7b0c1d9e-5f7a-4d53-9a56-0f4f1c2b3a41",
          accountId: trade.accountId,
          executionIds: trade.executionIds,
          attachedTo: {
            tradeId: "elsewhere",
            symbol: trade.symbol,
            side: trade.side,
            openedAt: trade.openedAt,
            closedAt: trade.closedAt,
            quantity: trade.quantity,
            currency: trade.currency,
            realizedPnl: trade.realizedPnl,
          },
          note: "moved from another instance",
          tags: ["Setup:Breakout"],
          plannedRisk: "200",
          stopPrice: null,
          createdAt: "2025-07-01T10:00:00.000Z",
          updatedAt: "2025-07-01T10:00:00.000Z",
        },
      ],
      days: [{ date: "2025-03-03", note: "quiet day", updatedAt: "2025-07-01T10:00:00.000Z" }],
    };
    const docFile = join(dir, "journal.json");
    writeFileSync(docFile, JSON.stringify(doc));
    const first = await run(["journal", "import", docFile, "--json", "--data-dir", dataDir]);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ entriesAdded: 1, daysAdded: 1 });
    const second = await run(["journal", "import", docFile, "--json", "--data-dir", dataDir]);
    expect(JSON.parse(second.stdout)).toMatchObject({ entriesAdded: 0, entriesExisting: 1, daysAdded: 0 });

    const stored = JSON.parse((await run(["trades", "--json", "--data-dir", dataDir])).stdout);
    expect(stored.trades).toEqual(report.trades);
    expect(stored.summary).toEqual(report.summary);
    const withJournal = JSON.parse(
      (await run(["trades", "--json", "--journal", "--data-dir", dataDir])).stdout,
    );
    const { journal, ...rest } = withJournal.trades[2];
    expect(rest).toEqual(trade);
    const r = (Number.parseFloat(trade.realizedPnl) / 200).toFixed(6);
    expect(journal).toMatchObject({
      note: "moved from another instance",
      tags: ["setup:breakout"],
      plannedRisk: "200",
    });
    expect(Number.parseFloat(journal.r).toFixed(6)).toBe(r);
    expect(
      withJournal.trades.filter((t: { journal: { entries: number } }) => t.journal.entries > 0),
    ).toHaveLength(1);

    const out = join(dir, "export.json");
    expect((await run(["journal", "export", "--out", out, "--data-dir", dataDir])).code).toBe(0);
    const exported = JSON.parse(readFileSync(out, "utf8"));
    expect(exported.entries.map((e: { id: string; note: string }) => [e.id, e.note])).toEqual([
      [doc.entries[0]!.id, "moved from another instance"],
    ]);
    expect(exported.days).toEqual([
      { date: "2025-03-03", note: "quiet day", updatedAt: "2025-07-01T10:00:00.000Z" },
    ]);

    const bad = await run(["journal", "import", file, "--data-dir", dataDir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not JSON/);
  });
});
