// The `closeout` command line. Every command returns an exit code; errors become one line on stderr
// (and a JSON error object on stdout with --json), never a stack trace.
import { AppError, toAppError } from "../app-error.ts";
import type { CliIo } from "./cli-io.ts";
import { HELP } from "./help.ts";

type Command = (args: string[], io: CliIo) => Promise<number>;

// Each command is loaded when it runs: `report` and `check-query` read a file and need none of the server's
// modules (database, HTTP, queue), which would otherwise be most of their memory.
const COMMANDS: Record<string, () => Promise<Command>> = {
  report: async () => (await import("./report-command.ts")).reportCommand,
  "check-query": async () => (await import("./check-query-command.ts")).checkQueryCommand,
  returns: async () => (await import("./returns-command.ts")).returnsCommand,
  generate: async () => (await import("./generate-command.ts")).generateCommand,
  import: async () => (await import("./import-command.ts")).importCommand,
  trades: async () => (await import("./trades-command.ts")).tradesCommand,
  journal: async () => (await import("./journal-command.ts")).journalCommand,
  migrate: async () => (await import("./migrate-command.ts")).migrateCommand,
  link: async () => (await import("./link-command.ts")).linkCommand,
  sync: async () => (await import("./sync-command.ts")).syncCommand,
  worker: async () => (await import("./worker-command.ts")).workerCommand,
  serve: async () => (await import("./serve-command.ts")).serveCommand,
  demo: async () => (await import("./demo-command.ts")).demoCommand,
  "rotate-key": async () => (await import("./rotate-key-command.ts")).rotateKeyCommand,
  invite: async () => (await import("./invite-command.ts")).inviteCommand,
  "flex-sim": async () => (await import("./flex-sim-command.ts")).flexSimCommand,
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
    return await (await command())(rest, io);
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === "internal") io.debug(error);
    io.err(`closeout: ${appError.message}`);
    if (json) io.out(JSON.stringify({ error: { code: appError.code, message: appError.message } }));
    return appError.exitCode;
  }
}
