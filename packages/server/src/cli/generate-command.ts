import { createWriteStream } from "node:fs";
import { generateStatementChunks } from "@closeout/flex-sim";
import { AppError } from "../app-error.ts";
import type { CliIo } from "./cli-io.ts";
import { parseCliArgs } from "./parse-cli-args.ts";

/** `closeout generate`: a realistic, deterministic Flex statement from the simulator, written to a file. */
export async function generateCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCliArgs("generate", args, {
    accounts: { type: "string", default: "1" },
    executions: { type: "string", default: "2000" },
    seed: { type: "string", default: "1" },
    from: { type: "string" },
    to: { type: "string" },
    out: { type: "string" },
    json: { type: "boolean" },
  });
  const accounts = positiveInt("--accounts", values.accounts);
  const executions = positiveInt("--executions", values.executions);
  const seed = positiveInt("--seed", values.seed);
  if (!values.out) throw new AppError("usage", "generate: give --out FILE");
  const to = values.to ?? "2026-11-20";
  const from = values.from ?? shiftYear(to);
  for (const [flag, date] of [
    ["--from", from],
    ["--to", to],
  ] as const) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date))
      throw new AppError("usage", `generate: ${flag} must be yyyy-MM-dd`);
  }
  const out = createWriteStream(values.out);
  let bytes = 0;
  for (const chunk of generateStatementChunks({ seed, accounts, executions, fromDate: from, toDate: to })) {
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  const result = { file: values.out, bytes, accounts, executions, seed, fromDate: from, toDate: to };
  io.out(
    values.json
      ? JSON.stringify(result)
      : `wrote ${values.out} (${(bytes / 1e6).toFixed(1)} MB, ~${executions} executions, ${accounts} account(s))`,
  );
  return 0;
}

function positiveInt(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new AppError("usage", `generate: ${flag} must be a positive whole number`);
  return n;
}

/** The default window is IB's: the 365 days up to `to`. */
function shiftYear(to: string): string {
  const d = new Date(`${to}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 364);
  return d.toISOString().slice(0, 10);
}
