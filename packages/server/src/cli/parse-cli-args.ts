import { type ParseArgsConfig, parseArgs } from "node:util";
import { AppError } from "../app-error.ts";

/** node:util parseArgs with our usage error instead of a thrown TypeError. */
export function parseCliArgs<T extends NonNullable<ParseArgsConfig["options"]>>(
  command: string,
  args: string[],
  options: T,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const detail = error instanceof Error ? error.message.split("\n")[0] : "bad arguments";
    throw new AppError("usage", `${command}: ${detail}`);
  }
}
