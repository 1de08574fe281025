import { describe, expect, it } from "vitest";
import { captureIo } from "./cli-io.ts";
import { HELP } from "./help.ts";
import { COMMAND_NAMES, runCli } from "./run-cli.ts";

describe("closeout help", () => {
  it("names every command the CLI runs", () => {
    for (const name of COMMAND_NAMES) expect(HELP).toMatch(new RegExp(`^  ${name}\\b`, "m"));
  });

  it("answers an unknown command with exit 2 and a pointer to help", async () => {
    const io = captureIo();
    expect(await runCli(["nope"], io)).toBe(2);
    expect(io.stderr).toMatch(/unknown command "nope"; run "closeout help"/);
  });
});
