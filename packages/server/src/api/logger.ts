// Structured JSON logs, one object per line. Fields whose names look secret (tokens, passwords, cookies,
// authorization, keys) are replaced before anything is written, wherever they sit in the object.
export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_KEY = /token|password|passwd|cookie|authorization|secret|csrf|session|key$/i;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    out[k] = SECRET_KEY.test(k) ? "[redacted]" : redact(v, depth + 1);
  return out;
}

export function createJsonLogger(
  write: (line: string) => void,
  options: { level?: LogLevel; base?: LogFields; now?: () => number } = {},
): Logger {
  const min = LEVELS[options.level ?? "info"];
  const now = options.now ?? Date.now;
  const make = (base: LogFields): Logger => {
    const log = (level: LogLevel) => (msg: string, fields?: LogFields) => {
      if (LEVELS[level] < min) return;
      const entry = { time: new Date(now()).toISOString(), level, msg, ...base, ...(fields ?? {}) };
      write(JSON.stringify(redact(entry)));
    };
    return {
      debug: log("debug"),
      info: log("info"),
      warn: log("warn"),
      error: log("error"),
      child: (fields) => make({ ...base, ...fields }),
    };
  };
  return make(options.base ?? {});
}

/** A logger that keeps its lines in memory (tests search them for secrets). */
export function createMemoryLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  return Object.assign(
    createJsonLogger((line) => lines.push(line), { level: "debug" }),
    { lines },
  );
}

/** Error details for logs: name, message and stack, never the object's own (possibly secret) fields. */
export function errorFields(error: unknown): LogFields {
  if (error instanceof Error)
    return { errorName: error.name, errorMessage: error.message, stack: error.stack };
  return { errorMessage: String(error) };
}
