// One catalogue of user-facing errors: code → HTTP status → CLI exit code. Messages are for people and
// never carry secrets (tokens) or stack traces.
export const ERROR_CATALOGUE = {
  usage: { http: 400, exit: 2 },
  "unreadable-file": { http: 400, exit: 2 },
  "malformed-xml": { http: 400, exit: 2 },
  truncated: { http: 400, exit: 2 },
  "not-flex-statement": { http: 400, exit: 2 },
  "flex-service-error": { http: 502, exit: 2 },
  "doctype-forbidden": { http: 400, exit: 2 },
  "ambiguous-date-format": { http: 400, exit: 2 },
  // Hostile input: refused by the parser's limits (core flex-input-limits.ts).
  "nesting-too-deep": { http: 400, exit: 2 },
  "too-many-attributes": { http: 400, exit: 2 },
  "attribute-too-long": { http: 400, exit: 2 },
  "markup-too-long": { http: 400, exit: 2 },
  "too-many-rows": { http: 400, exit: 2 },
  "account-owned-by-another-user": { http: 409, exit: 2 },
  // An upload of an IB account that another user's Flex link holds (the message names nobody).
  "account-held-by-link": { http: 409, exit: 2 },
  "not-found": { http: 404, exit: 2 },
  config: { http: 500, exit: 2 },
  // `serve` without packages/web/dist (or CLOSEOUT_WEB_DIST without an index.html).
  "web-app-not-built": { http: 500, exit: 2 },
  // HTTP API (docs/api.md).
  validation: { http: 400, exit: 2 },
  unauthenticated: { http: 401, exit: 2 },
  "wrong-password": { http: 401, exit: 2 },
  csrf: { http: 403, exit: 2 },
  "signup-closed": { http: 403, exit: 2 },
  "invite-invalid": { http: 403, exit: 2 },
  "email-taken": { http: 409, exit: 2 },
  "handle-taken": { http: 409, exit: 2 },
  "payload-too-large": { http: 413, exit: 2 },
  "raw-quota-exceeded": { http: 413, exit: 2 },
  "upload-in-progress": { http: 409, exit: 2 },
  "flex-link-failed": { http: 422, exit: 2 },
  "flex-query-incomplete": { http: 422, exit: 2 },
  "too-many-attempts": { http: 429, exit: 2 },
  internal: { http: 500, exit: 1 },
} as const satisfies Record<string, { http: number; exit: number }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** Extra, safe-to-show data of an error: field messages (validation), a retry delay, the IB error code. */
export interface AppErrorDetails {
  readonly fields?: Readonly<Record<string, string>>;
  readonly retryAfterSeconds?: number;
  readonly ibErrorCode?: string | null;
  readonly check?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: AppErrorDetails;
  constructor(code: ErrorCode, message: string, details: AppErrorDetails = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
  get httpStatus(): number {
    return ERROR_CATALOGUE[this.code].http;
  }
  get exitCode(): number {
    return ERROR_CATALOGUE[this.code].exit;
  }
}

/** Maps anything thrown to an AppError; unknown errors become a generic message (details stay out of user output). */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (
    error instanceof Error &&
    "code" in error &&
    typeof error.code === "string" &&
    error.code in ERROR_CATALOGUE
  ) {
    return new AppError(error.code as ErrorCode, error.message);
  }
  return new AppError("internal", "closeout hit an unexpected error; nothing was changed");
}

/**
 * A message as a sentence for people reading it in the web app: capital first letter (closeout keeps its
 * lowercase name) and a closing full stop. CLI output keeps its "command: problem" form.
 */
export function asSentence(text: string): string {
  const t = text.trim();
  if (t === "") return t;
  const capital = /^(closeout\b|[/"'(])/.test(t) ? t : t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** "currentPassword" → "Current password", "tokenExpiresOn" → "Token expires on". */
function fieldLabel(field: string): string {
  const last = field.split(".").at(-1) ?? field;
  if (last === "queryId") return "Query Id";
  const words = last.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A field's message as a sentence: "is taken" under handle → "Handle is taken." */
export function fieldSentence(field: string, message: string): string {
  const m = message.trim();
  if (/^[A-Z]/.test(m)) return asSentence(m);
  const verb = /^(is|are|must|should|has|was|does|needs|can|cannot|may)\b/.test(m);
  return asSentence(verb ? `${fieldLabel(field)} ${m}` : `${fieldLabel(field)}: ${m}`);
}
