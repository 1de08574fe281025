// The `closeout` command line. Every command returns an exit code; errors become one line on stderr
// (and a JSON error object on stdout with --json), never a stack trace.
import { AppError, toAppError } from "../app-error.ts";
import { checkQueryCommand } from "./check-query-command.ts";
import type { CliIo } from "./cli-io.ts";
import { demoCommand } from "./demo-command.ts";
import { generateCommand } from "./generate-command.ts";
import { HELP } from "./help.ts";
import { importCommand } from "./import-command.ts";
import { linkCommand } from "./link-command.ts";
import { migrateCommand } from "./migrate-command.ts";
import { reportCommand } from "./report-command.ts";
import { returnsCommand } from "./returns-command.ts";
import { serveCommand } from "./serve-command.ts";
import { syncCommand } from "./sync-command.ts";
import { tradesCommand } from "./trades-command.ts";
import { workerCommand } from "./worker-command.ts";

type Command = (args: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  report: reportCommand,
  "check-query": checkQueryCommand,
  returns: returnsCommand,
  generate: generateCommand,
  import: importCommand,
  trades: tradesCommand,
  migrate: migrateCommand,
  link: linkCommand,
  sync: syncCommand,
  worker: workerCommand,
  serve: serveCommand,
  demo: demoCommand,
};

export const COMMAND_NAMES: readonly string[] = Object.keys(COMMANDS);

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.out(HELP);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  const json = rest.includes("--json");
  try {
    if (!command) throw new AppError("usage", `unknown command "${name}"; run "closeout help" for the list`);
    return await command(rest, io);
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === "internal") io.debug(error);
    io.err(`closeout: ${appError.message}`);
    if (json) io.out(JSON.stringify({ error: { code: appError.code, message: appError.message } }));
    return appError.exitCode;
  }
}
