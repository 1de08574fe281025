// `closeout flex-sim` as a real process: it serves the tokens and queries of its config file over HTTP on
// loopback, answers IB's error for an unknown token, refuses a bad config file without naming a token, and
// stops on SIGTERM.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type CliChild, spawnCli } from "../test-support/spawn-cli.ts";
import { captureIo } from "./cli-io.ts";
import { runCli } from "./run-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "closeout-flex-sim-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TOKEN = "cfgtoken1234567890cfg";

async function baseUrlOf(child: CliChild): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const match = child.output().match(/flex-sim is running at (http:\/\/127\.0\.0\.1:\d+\/\S+)/);
    if (match?.[1]) return match[1];
    if (child.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`flex-sim did not start: ${child.output()}`);
}

const tag = (xml: string, name: string) => xml.match(new RegExp(`<${name}>([^<]*)</${name}>`))?.[1];

describe("closeout flex-sim", () => {
  it("serves the config file's tokens and queries over HTTP and stops on SIGTERM", async () => {
    const config = join(dir, "sim.json");
    writeFileSync(
      config,
      JSON.stringify({
        seed: 11,
        tokens: {
          [TOKEN]: {
            queries: {
              "700001": {
                accounts: ["U7000001"],
                executions: 40,
                fromDate: "2025-01-02",
                toDate: "2025-06-30",
              },
            },
            pollsBeforeReady: 1,
          },
        },
      }),
    );
    const child = spawnCli(["flex-sim", "--port", "0", "--config", config], {});
    try {
      const base = await baseUrlOf(child);
      const send = await (await fetch(`${base}/SendRequest?t=${TOKEN}&q=700001&v=3`)).text();
      expect(tag(send, "Status")).toBe("Success");
      const reference = tag(send, "ReferenceCode");
      expect(reference).toMatch(/^\d+$/);
      const get = `${base}/GetStatement?t=${TOKEN}&q=${reference}&v=3`;
      expect(tag(await (await fetch(get)).text(), "ErrorCode")).toBe("1019"); // pollsBeforeReady: 1
      const statement = await (await fetch(get)).text();
      expect(statement).toMatch(/<FlexStatement accountId="U7000001" fromDate="20250102"/);
      expect(statement.match(/<Trade /g)?.length).toBeGreaterThan(10);

      const unknown = await (await fetch(`${base}/SendRequest?t=unknowntoken1234567890&q=700001&v=3`)).text();
      expect(tag(unknown, "Status")).toBe("Fail");
      expect(tag(unknown, "ErrorCode")).toBe("1015");

      child.child.kill("SIGTERM");
      expect(await child.exited).toEqual({ code: 0, signal: null });
      await expect(fetch(`${base}/SendRequest?t=${TOKEN}&q=700001&v=3`)).rejects.toThrow();
    } finally {
      if (child.child.exitCode === null) child.child.kill("SIGKILL");
    }
  });

  it("refuses a bad config file with exit 2, naming the setting but not the token", async () => {
    const config = join(dir, "bad.json");
    writeFileSync(
      config,
      JSON.stringify({ tokens: { [TOKEN]: { queries: { "700001": { executions: -5 } } } } }),
    );
    const io = captureIo({});
    expect(await runCli(["flex-sim", "--port", "0", "--config", config], io)).toBe(2);
    expect(io.stderr).toMatch(/flex-sim: bad config file — tokens\.#1\.queries\.700001\.executions/);
    expect(io.stderr).not.toContain(TOKEN);
    const notJson = join(dir, "not.json");
    writeFileSync(notJson, "tokens: yes");
    const io2 = captureIo({});
    expect(await runCli(["flex-sim", "--config", notJson], io2)).toBe(2);
    expect(io2.stderr).toMatch(/the config file is not JSON/);
  });
});
