// The CLI writes through this narrow interface so tests can capture output without spawning processes.
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Internal details (stack traces) only when CLOSEOUT_DEBUG is set; never shown to users otherwise. */
  debug(error: unknown): void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export function nodeIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
    debug: (error) => {
      if (process.env.CLOSEOUT_DEBUG) console.error(error);
    },
    env: process.env,
  };
}

export function captureIo(
  env: Record<string, string | undefined> = {},
): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: "",
    stderr: "",
    out(text: string) {
      io.stdout += text.endsWith("\n") ? text : `${text}\n`;
    },
    err(text: string) {
      io.stderr += text.endsWith("\n") ? text : `${text}\n`;
    },
    debug() {},
    env,
  };
  return io;
}
