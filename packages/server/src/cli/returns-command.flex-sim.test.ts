// `closeout returns` on statements from flex-sim (issue #16): our chain-linked TWR equals the `twr` the
// simulator wrote into ChangeInNAV, IB's way (flows at the start of the day), on accounts with deposits and
// withdrawals; --from/--to give a month's return equal to that month's row of the monthly table.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Decimal, TWR_TOLERANCE_PCT } from "@closeout/core";
import { generateStatement } from "@closeout/flex-sim";
import { afterAll, describe, expect, it } from "vitest";
import { captureIo } from "./cli-io.ts";
import { runCli } from "./run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "closeout-returns-sim-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(...args: string[]) {
  const io = captureIo();
  const code = await runCli(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

function generated(seed: number, executions: number): string {
  const path = join(dir, `sim-${seed}.xml`);
  writeFileSync(
    path,
    generateStatement({
      seed,
      accounts: 2,
      executions,
      fromDate: "2025-01-02",
      toDate: "2025-12-31",
      accountSections: true,
    }),
  );
  return path;
}

describe("closeout returns on flex-sim statements", () => {
  it.each([
    [7, 3_000],
    [42, 600],
  ])(
    "seed %i: our TWR reconciles with the simulator's twr, with deposits and withdrawals",
    async (seed, n) => {
      const { code, stdout, stderr } = await run("returns", generated(seed, n), "--json");
      expect(stderr).toBe("");
      expect(code).toBe(0);
      const json = JSON.parse(stdout);
      expect(json.issues).toEqual([]);
      expect(json.accounts).toHaveLength(2);
      for (const a of json.accounts) {
        expect(a).toMatchObject({ from: "2025-01-02", to: "2025-12-31", baseCurrency: "USD" });
        expect(new Decimal(a.deposits).gt(0)).toBe(true);
        expect(new Decimal(a.withdrawals).lt(0)).toBe(true);
        expect(new Decimal(a.dividends).gt(0)).toBe(true);
        expect(new Decimal(a.withholdingTax).lt(0)).toBe(true);
        expect(new Decimal(a.fees).lt(0)).toBe(true);
        expect(a.reconciliation.status).toBe("matches");
        const gap = new Decimal(a.twrPct).minus(a.reconciliation.brokerTwrPct).abs();
        expect(gap.lte(TWR_TOLERANCE_PCT)).toBe(true);
        // Flows move the NAV but not the TWR: the NAV change is far from the return on the starting NAV.
        expect(a.navSeries.some((d: { flow: string }) => d.flow !== "0")).toBe(true);
      }
    },
  );

  it("--from/--to give a month's return equal to its row of the monthly table", async () => {
    const path = generated(7, 3_000);
    const whole = JSON.parse((await run("returns", path, "--json")).stdout);
    const march = await run("returns", path, "--json", "--from", "2025-03-01", "--to", "2025-03-31");
    expect(march.code).toBe(0);
    const json = JSON.parse(march.stdout);
    for (const [i, a] of json.accounts.entries()) {
      expect(a).toMatchObject({ from: "2025-03-03", to: "2025-03-31" });
      const row = whole.accounts[i].monthlyReturns.find((m: { month: string }) => m.month === "2025-03");
      expect(a.twrPct).toBe(row.twrPct);
      // The reconciliation is IB's period's, whatever range was asked.
      expect(a.reconciliation).toEqual(whole.accounts[i].reconciliation);
    }
  });

  it("refuses a --from that is not a date, printing nothing on stdout", async () => {
    const { code, stdout, stderr } = await run("returns", generated(42, 600), "--from", "2025-13-01");
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("from must be a date written yyyy-MM-dd");
  });
});
