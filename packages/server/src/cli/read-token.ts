// A Flex token is a secret: it never travels on the command line (where `ps` and shell history would show
// it). It comes from a file, from CLOSEOUT_FLEX_TOKEN, or from standard input.
import { readFile } from "node:fs/promises";
import { AppError } from "../app-error.ts";
import type { CliIo } from "./cli-io.ts";

export async function readToken(
  tokenFile: string | undefined,
  io: CliIo,
  stdin: AsyncIterable<string | Buffer> = process.stdin,
): Promise<string> {
  let raw: string;
  if (tokenFile !== undefined) {
    raw = await readFile(tokenFile, "utf8").catch(() => {
      throw new AppError("unreadable-file", `cannot read the token file ${tokenFile}`);
    });
  } else if (io.env.CLOSEOUT_FLEX_TOKEN) {
    raw = io.env.CLOSEOUT_FLEX_TOKEN;
  } else {
    if (process.stdin.isTTY) io.err("Paste the Flex Web Service token, then press Enter and Ctrl-D:");
    raw = "";
    for await (const chunk of stdin) raw += chunk.toString();
  }
  const token = raw.trim();
  if (!/^[A-Za-z0-9]{8,64}$/.test(token)) {
    throw new AppError(
      "usage",
      "the Flex token must be the 8–64 letters and digits shown under Flex Web Service in IB's settings",
    );
  }
  return token;
}

/** Refuses a token passed as an argument before anything else happens, with the safe alternatives. */
export function refuseTokenArgument(args: readonly string[]): void {
  if (args.some((a) => a === "--token" || a.startsWith("--token="))) {
    throw new AppError(
      "usage",
      "never pass the Flex token on the command line: use --token-file FILE, CLOSEOUT_FLEX_TOKEN, or standard input",
    );
  }
}
