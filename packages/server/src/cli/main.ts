// Entry point of `npm run closeout`: runs one command and sets the exit code.
import { nodeIo } from "./cli-io.ts";
import { runCli } from "./run-cli.ts";

process.exitCode = await runCli(process.argv.slice(2), nodeIo());
